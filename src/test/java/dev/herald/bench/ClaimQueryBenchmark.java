package dev.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.config.Herald;
import dev.herald.config.JsonMapper;
import dev.herald.delivery.dispatch.ClaimedBatch;
import dev.herald.delivery.dispatch.DeliveryDispatcher;
import dev.herald.delivery.dispatch.DeliveryMetrics;
import dev.herald.delivery.dispatch.DeliveryPacing;
import dev.herald.delivery.dispatch.DispatchPause;
import dev.herald.delivery.dispatch.DispatchSlots;
import dev.herald.delivery.dispatch.FailureLog;
import dev.herald.delivery.dispatch.RetryPolicy;
import dev.herald.delivery.http.ReceiverTimeouts;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.endpoint.ConfigurationCatalog;
import dev.herald.endpoint.ConfigurationRepository;
import dev.herald.endpoint.EndpointRepository;
import dev.herald.endpoint.SelectorRepository;
import dev.herald.endpoint.secret.SecretBox;
import dev.herald.event.EventRepository;
import dev.herald.event.EventRows;
import dev.herald.scanning.alert.AlertRepository;
import dev.herald.support.HeraldInstance;
import dev.herald.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The cost of the claim queries with a long queue (not part of the test suite), on the embedded
 * PostgreSQL and on an H2 file, with N pending deliveries and N unrelayed events (default 1,000
 * and 100,000, one run each):
 * <ul>
 * <li>dispatch: {@link DeliveryDispatcher#claimDue()} claims 200 due deliveries, as the
 * dispatch-deliveries route does, and each batch is then released again (untimed), so every claim
 * sees N pending. Timed whole, and its statements on their own through Jdbi's {@link SqlLogger}:
 * the claim's SELECT … FOR UPDATE SKIP LOCKED and UPDATE, and the load of the claimed rows with
 * their events;</li>
 * <li>relay: {@link EventRepository#claimUnrelayed} locks 500 of the N unrelayed events, in a
 * transaction rolled back each time, so every repetition sees all N.</li>
 * </ul>
 * Prints each claim query's plan (EXPLAIN ANALYZE) at the largest N. Run:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.herald.bench.ClaimQueryBenchmark -Dexec.args="1000,100000"}
 */
public final class ClaimQueryBenchmark {

    private static final int WARM_UP = 10;
    private static final int REPETITIONS = 50;
    private static final int DISPATCH_BATCH = 200;
    private static final int RELAY_BATCH = 500;

    private ClaimQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : (args.length > 0 ? args[0] : "1000,100000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        Path folder = Files.createTempDirectory("herald-claim-bench");
        List<String> results = new ArrayList<>();
        for (int size : sizes) {
            results.add(run("postgresql", TestDatabase.postgres(), size, size == sizes.get(sizes.size() - 1)));
            results.add(run("h2", TestDatabase.h2(folder.resolve("h2-" + size)), size, size == sizes.get(sizes.size() - 1)));
        }
        System.out.printf(Locale.ROOT, "%nClaim query cost (%d claims measured after %d warm-up; ms: mean / p50 / p95)%n",
                REPETITIONS, WARM_UP);
        results.forEach(System.out::println);
        System.exit(0);
    }

    private static String run(String vendor, TestDatabase database, int size, boolean explain) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(database.url());
        pool.setUsername(database.username());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(4);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            migrate(dataSource);
            StatementTimes times = new StatementTimes();
            Jdbi jdbi = Jdbi.create(dataSource);
            jdbi.getConfig(SqlStatements.class).setSqlLogger(times);
            fill(jdbi, vendor, size);

            List<Double> claimStep = measureDispatchClaims(jdbi, times);
            List<Double> relayClaim = measureRelayClaims(jdbi);
            if (explain) {
                explain(jdbi, vendor, times);
            }
            Stats select = times.stats("claim SELECT");
            Stats update = times.stats("claim UPDATE");
            return String.format(Locale.ROOT, "%-10s N=%,7d  dispatch claimDue() %s (per delivery %.3f ms), of which "
                            + "claim SELECT %s, claim UPDATE %s, load %s; claim statements per delivery %.3f ms%n"
                            + "%-10s %9s  relay claimUnrelayed(%d) %s (per event %.4f ms)",
                    vendor, size, Stats.of(claimStep), Stats.of(claimStep).mean() / DISPATCH_BATCH, select, update,
                    times.stats("load claimed"), (select.mean() + update.mean()) / DISPATCH_BATCH,
                    "", "", RELAY_BATCH, Stats.of(relayClaim), Stats.of(relayClaim).mean() / RELAY_BATCH);
        }
    }

    /** Claims of 200 through the dispatch-deliveries route's bean; the milliseconds of each after the warm-up. */
    private static List<Double> measureDispatchClaims(Jdbi jdbi, StatementTimes times) {
        ObjectMapper json = JsonMapper.create();
        ConfigurationRepository configurations = new ConfigurationRepository(jdbi, json,
                new SecretBox(SecretBox.key(Base64.getDecoder().decode(HeraldInstance.SECRET_KEY))));
        ConfigurationCatalog catalog = new ConfigurationCatalog(jdbi, new EndpointRepository(jdbi), configurations,
                new SelectorRepository(jdbi), new AlertRepository(jdbi, json));
        // as many slots as a claim takes, each configuration's unbounded: every claim fills them all
        DispatchSlots slots = new DispatchSlots(DISPATCH_BATCH, Integer.MAX_VALUE);
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(new DeliveryRepository(jdbi, new EventRows(json)),
                configurations, catalog, slots, new ReceiverTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15)),
                Duration.ofMinutes(1), "claim-benchmark", Clock.systemUTC(),
                new RetryPolicy(8, Duration.ofDays(1), Duration.ofSeconds(1), Duration.ofMinutes(10), () -> 0.5),
                new DeliveryPacing(Duration.ofSeconds(1)), new DispatchPause(), new DeliveryMetrics(new SimpleMeterRegistry()),
                new FailureLog(Clock.systemUTC()), null); // only claims: no attempt is recorded
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARM_UP + REPETITIONS; i++) {
            if (i == WARM_UP) {
                times.clear();
            }
            long start = System.nanoTime();
            ClaimedBatch batch = dispatcher.claimDue();
            long end = System.nanoTime();
            batch.deliveries().forEach(delivery -> slots.free(delivery.configuration().uuid()));
            if (batch.deliveries().size() != DISPATCH_BATCH) {
                throw new IllegalStateException("claimed " + batch.deliveries().size() + ", not " + DISPATCH_BATCH);
            }
            if (i >= WARM_UP) {
                millis.add((end - start) / 1e6);
            }
            // released, not recorded: every claim then sees all N pending, as in a steady queue of N
            jdbi.useHandle(handle -> handle.execute("UPDATE deliveries SET claimed_by = NULL, claimed_until = NULL "
                    + "WHERE claimed_by = 'claim-benchmark'"));
        }
        return millis;
    }

    /** The relay's claims of 500, each rolled back; the milliseconds of each after the warm-up. */
    private static List<Double> measureRelayClaims(Jdbi jdbi) {
        EventRepository events = new EventRepository(jdbi, JsonMapper.create(), Clock.systemUTC());
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < WARM_UP + REPETITIONS; i++) {
            boolean measured = i >= WARM_UP;
            jdbi.useHandle(handle -> {
                handle.begin();
                long start = System.nanoTime();
                int claimed = events.claimUnrelayed(handle, RELAY_BATCH).size();
                long end = System.nanoTime();
                handle.rollback();
                if (claimed != RELAY_BATCH) {
                    throw new IllegalStateException("claimed " + claimed + " events, not " + RELAY_BATCH);
                }
                if (measured) {
                    millis.add((end - start) / 1e6);
                }
            });
        }
        return millis;
    }

    /** The schema exactly as Herald makes it: Herald added to a context that is never started. */
    private static void migrate(HikariDataSource dataSource) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Properties properties = new Properties();
            properties.setProperty("herald.secret-key", HeraldInstance.SECRET_KEY);
            properties.setProperty("herald.data-directory", Files.createTempDirectory("herald-claim-bench-data").toString());
            context.getPropertiesComponent().setOverrideProperties(properties);
            Herald.addTo(context, dataSource, Herald.Parts.WITHOUT_REST_API);
        }
    }

    /**
     * One webhook configuration; {@code size} relayed events with a pending delivery each, due
     * over the past hour; {@code size} events not yet relayed. Then fresh planner statistics, as
     * autovacuum (PostgreSQL) would gather them.
     */
    private static void fill(Jdbi jdbi, String vendor, int size) {
        jdbi.useTransaction(handle -> {
            handle.execute("INSERT INTO endpoint_configurations (uuid, account_name, endpoint_type, settings, created_at, "
                    + "last_updated) VALUES ('bench', 'admin', 'webhook', '{\"url\":\"http://127.0.0.1:9/bench\"}', "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            handle.execute("UPDATE configuration_version SET version = version + 1");
        });
        Instant now = Instant.now();
        for (int from = 0; from < 2 * size; from += 10_000) {
            int first = from;
            jdbi.useTransaction(handle -> {
                PreparedBatch batch = handle.prepareBatch("INSERT INTO events (event_id, event_type, event_level, "
                        + "resource_type, relayed_at) VALUES (:id, 'user.image.analysis.completed', 'info', 'image_digest', :relayed)");
                for (int i = first; i < Math.min(first + 10_000, 2 * size); i++) {
                    batch.bind("id", "bench-" + i)
                            .bindByType("relayed", i < size ? now.atOffset(ZoneOffset.UTC) : null, OffsetDateTime.class).add();
                }
                batch.execute();
            });
        }
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO deliveries (uuid, event_id, configuration_uuid, "
                        + "endpoint_type, account_name, state, attempts, next_attempt_at, created_at, updated_at, event_level) "
                        + "SELECT event_id, id, 'bench', 'webhook', 'admin', 'pending', 0, :due, :due, :due, event_level "
                        + "FROM events WHERE relayed_at IS NOT NULL")
                .bind("due", now.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC))
                .execute());
        // spread the due times over the hour, so the claim's ORDER BY has something to order
        jdbi.useHandle(handle -> handle.execute(vendor.equals("h2")
                ? "UPDATE deliveries SET next_attempt_at = DATEADD(MILLISECOND, MOD(event_id * 7919, 3600000), next_attempt_at)"
                : "UPDATE deliveries SET next_attempt_at = next_attempt_at + (event_id * 7919 % 3600000) * INTERVAL '1 millisecond'"));
        jdbi.useHandle(handle -> handle.execute(vendor.equals("h2") ? "ANALYZE" : "VACUUM ANALYZE"));
    }

    /** Runs each claim statement again under EXPLAIN ANALYZE, with its recorded arguments, and rolls back. */
    private static void explain(Jdbi jdbi, String vendor, StatementTimes times) {
        for (String kind : List.of("claim SELECT", "claim UPDATE", "relay claim")) {
            StatementTimes.Recorded recorded = times.last(kind);
            if (recorded == null) {
                continue;
            }
            jdbi.useHandle(handle -> {
                handle.begin();
                Query query = handle.createQuery("EXPLAIN ANALYZE " + recorded.sql());
                recorded.arguments().forEach(query::bind);
                System.out.printf("%n%s, %s: EXPLAIN ANALYZE%n", vendor, kind);
                // the UPDATE's plan repeats its 200 uuids
                query.mapTo(String.class).forEach(line -> System.out.println("  "
                        + (line.length() > 160 ? line.substring(0, 160) + " …" : line)));
                handle.rollback();
            });
        }
    }

    /** Execution time of each kind of statement, as Jdbi measures it, and the last one's SQL and arguments. */
    private static final class StatementTimes implements SqlLogger {

        record Recorded(String sql, Map<String, Argument> arguments) {
        }

        private final Map<String, List<Double>> millis = new ConcurrentHashMap<>();
        private final Map<String, Recorded> last = new ConcurrentHashMap<>();

        @Override
        public void logAfterExecution(StatementContext context) {
            String sql = context.getRenderedSql();
            String kind = kind(sql);
            if (kind == null) {
                return;
            }
            millis.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(context.getElapsedTime(ChronoUnit.MICROS) / 1000.0);
            Map<String, Argument> arguments = new LinkedHashMap<>();
            for (String name : context.getBinding().getNames()) {
                context.getBinding().findForName(name, context).ifPresent(argument -> arguments.put(name, argument));
            }
            last.put(kind, new Recorded(sql, arguments));
        }

        private static String kind(String sql) {
            // by its shape, not its whole column list: the claim reads more columns as Herald grows
            // (the digest and the event's level since V18 and V19), and a list here went stale once
            if (sql.startsWith("SELECT uuid, configuration_uuid,") && sql.contains("FROM deliveries")
                    && sql.contains("FOR UPDATE")) {
                return "claim SELECT";
            }
            if (sql.startsWith("UPDATE deliveries SET claimed_until")) {
                return "claim UPDATE";
            }
            if (sql.contains("AS delivery_uuid")) {
                return "load claimed";
            }
            if (sql.contains("FROM events") && sql.contains("relayed_at IS NULL") && sql.contains("FOR UPDATE")) {
                return "relay claim";
            }
            return null;
        }

        void clear() {
            millis.clear();
        }

        Stats stats(String kind) {
            return Stats.of(millis.getOrDefault(kind, List.of()));
        }

        Recorded last(String kind) {
            return last.get(kind);
        }
    }

    private record Stats(double mean, double p50, double p95) {

        static Stats of(List<Double> samples) {
            if (samples.isEmpty()) {
                return new Stats(0, 0, 0);
            }
            List<Double> sorted = new ArrayList<>(samples);
            Collections.sort(sorted);
            double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            return new Stats(mean, sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", mean, p50, p95);
        }
    }
}
