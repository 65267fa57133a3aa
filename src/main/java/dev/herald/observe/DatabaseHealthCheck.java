package dev.herald.observe;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Herald's readiness check: DOWN when the database does not answer. Found by Camel's health-check
 * registry among the beans, and shown at {@code /observe/health} and {@code /observe/health/ready}.
 * Not a liveness check: restarting Herald does not bring a database back.
 *
 * <p>The probe (a pooled connection, validated by the driver) runs on a thread of its own, and the
 * check waits for it at most {@link #TIMEOUT}: the pool waits much longer for a connection when the
 * database is gone, and a health probe must answer quickly. While a probe is still waiting, the
 * next checks answer DOWN without starting another.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final ExecutorService probes;
    private Future<?> probe;

    public DatabaseHealthCheck(DataSource dataSource, ExecutorService probes) {
        super("herald", "database");
        this.dataSource = dataSource;
        this.probes = probes;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        // AbstractHealthCheck calls this under its lock, so one probe at a time
        if (probe == null || probe.isDone()) {
            probe = probes.submit(this::validateConnection);
        }
        try {
            probe.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            builder.up();
        } catch (TimeoutException e) {
            builder.message("the database did not answer within " + TIMEOUT.toSeconds() + " s").down();
        } catch (ExecutionException e) {
            // the type only: a driver's message may name hosts and users, and this answer needs no credentials
            builder.message("the database cannot be reached (" + e.getCause().getClass().getSimpleName() + ")").down();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.message("interrupted while checking the database").down();
        }
    }

    private Void validateConnection() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) TIMEOUT.toSeconds())) {
                throw new SQLException("the connection did not validate");
            }
        }
        return null;
    }
}
