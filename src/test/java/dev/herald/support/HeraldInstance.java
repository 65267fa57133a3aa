package dev.herald.support;

import dev.herald.HeraldMain;
import dev.herald.delivery.http.HostLookup;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.Main;

/**
 * Herald booted exactly as users run it ({@link HeraldMain}, application.properties, the YAML
 * routes), on a test database, an HTTP port chosen by the system, and 100 ms relay and dispatch cycles.
 */
public final class HeraldInstance implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    /**
     * The key every instance encrypts secrets with unless a test sets its own: a fixed one, as
     * replicas sharing a database must have, so restarts and replicas of a test read each other's secrets.
     */
    public static final String SECRET_KEY = "dGVzdC1zZWNyZXQta2V5LW9mLTMyLWJ5dGVzLi4uLi4=";

    private final Main main;
    private final TestDatabase database;

    private HeraldInstance(Main main, TestDatabase database) {
        this.main = main;
        this.database = database;
    }

    public static HeraldInstance start(TestDatabase database) {
        return start(database, Map.of());
    }

    public static HeraldInstance start(TestDatabase database, Map<String, String> properties) {
        return start(configured(database, properties), database);
    }

    /** Herald keeping time with {@code clock} instead of the system's. */
    public static HeraldInstance start(TestDatabase database, Map<String, String> properties, Clock clock) {
        Main main = configured(database, properties);
        main.bind("heraldClock", clock);
        return start(main, database);
    }

    /** Herald resolving receivers' names with {@code lookup} instead of the JVM's resolver. */
    public static HeraldInstance start(TestDatabase database, Map<String, String> properties, HostLookup lookup) {
        Main main = configured(database, properties);
        main.bind("heraldHostLookup", lookup);
        return start(main, database);
    }

    private static HeraldInstance start(Main main, TestDatabase database) {
        try {
            main.start();
        } catch (Exception e) {
            // a start refused on purpose (a wrong key, say) must not leave its pool and threads behind
            try {
                main.stop();
            } catch (Exception stopping) {
                e.addSuppressed(stopping);
            }
            throw new IllegalStateException("Herald did not start", e);
        }
        return new HeraldInstance(main, database);
    }

    /** The Main that {@link #start} starts, configured and not started, for a test that watches the start itself. */
    public static Main configured(TestDatabase database, Map<String, String> properties) {
        Main main = HeraldMain.create();
        main.addOverrideProperty("herald.datasource.url", database.url());
        main.addOverrideProperty("herald.datasource.username", database.username());
        main.addOverrideProperty("herald.datasource.password", database.password());
        main.addOverrideProperty("herald.admin.password", ADMIN_PASSWORD);
        main.addOverrideProperty("herald.cycle-timers.notifications", "0.1");
        main.addOverrideProperty("herald.dispatch.interval", "0.1");
        main.addOverrideProperty("camel.server.port", "0");
        main.addOverrideProperty("herald.secret-key", SECRET_KEY);
        properties.forEach(main::addOverrideProperty);
        return main;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public int port() {
        return context().hasService(VertxPlatformHttpServer.class).getPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** An API client signed in as the admin user. */
    public ApiClient api() {
        return new ApiClient(baseUrl(), "admin", ADMIN_PASSWORD);
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Herald did not stop", e);
        }
    }
}
