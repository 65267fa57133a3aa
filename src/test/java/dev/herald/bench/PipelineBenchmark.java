package dev.herald.bench;

import static dev.herald.support.Scenario.event;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * A small benchmark of the whole pipeline on H2 (not part of the test suite):
 * <ol>
 * <li>throughput: N webhook configurations (one per account, each with an {@code account,*,*,*}
 * selector) and M events inserted straight into the events table, spread evenly over the
 * accounts, so every event makes exactly one delivery; timed from the commit of the events to
 * the last delivery recorded as delivered;</li>
 * <li>latency: events posted one by one through {@code POST /v2/events} with the cycle at 1 s,
 * timed from the POST to the receiver getting the request.</li>
 * </ol>
 * Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.herald.bench.PipelineBenchmark -Dexec.args="1000 100000"}
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int configurations = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path folder = Files.createTempDirectory("herald-bench");
        Throughput throughput = throughput(folder.resolve("throughput"), configurations, events);
        Latency latency = latency(folder.resolve("latency"), 50);
        System.out.printf(Locale.ROOT, "%nHerald pipeline benchmark (H2 file, loopback webhook receiver)%n");
        System.out.printf(Locale.ROOT, "  configurations          %,d%n", configurations);
        System.out.printf(Locale.ROOT, "  events                  %,d (one delivery each)%n", events);
        System.out.printf(Locale.ROOT, "  relay + dispatch        %.1f s%n", throughput.seconds());
        System.out.printf(Locale.ROOT, "  events per second       %,.0f%n", events / throughput.seconds());
        System.out.printf(Locale.ROOT, "  POST -> receipt, cycle 1 s (%d events): p50 %d ms, p95 %d ms, max %d ms%n",
                latency.samples(), latency.p50(), latency.p95(), latency.max());
        System.out.printf(Locale.ROOT, "{\"database\":\"h2\",\"configurations\":%d,\"events\":%d,\"seconds\":%.3f,"
                        + "\"events_per_second\":%.0f,\"latency_ms\":{\"p50\":%d,\"p95\":%d,\"max\":%d}}%n",
                configurations, events, throughput.seconds(), events / throughput.seconds(),
                latency.p50(), latency.p95(), latency.max());
        System.exit(0);
    }

    record Throughput(double seconds) {
    }

    record Latency(int samples, long p50, long p95, long max) {
    }

    private static Throughput throughput(Path folder, int configurations, int events) throws Exception {
        TestDatabase database = TestDatabase.h2(folder);
        try (LoopbackReceiver receiver = new LoopbackReceiver();
                HeraldInstance herald = HeraldInstance.start(database, Map.of("herald.cycle-timers.notifications", "0.1"))) {
            Jdbi sql = database.jdbi();
            createConfigurations(sql, configurations, receiver.url("/bench"));
            Instant started = insertEvents(sql, configurations, events);
            // poll gently, and take the end from the database: the last delivery's own timestamp
            await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(250)).until(() -> sql.withHandle(h -> h
                    .createQuery("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'").mapTo(Long.class).one()) >= events);
            Instant finished = sql.withHandle(h -> h.createQuery("SELECT MAX(delivered_at) FROM deliveries")
                    .map((rs, ctx) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant()).one());
            double seconds = Duration.between(started, finished).toNanos() / 1e9;
            if (receiver.requestsTo("/bench").size() < events) {
                throw new IllegalStateException("the receiver got " + receiver.requestsTo("/bench").size() + " of " + events);
            }
            return new Throughput(seconds);
        }
    }

    /** Accounts, configurations and selectors written straight to the database, as a migration tool would. */
    private static void createConfigurations(Jdbi sql, int configurations, String url) {
        sql.useTransaction(handle -> {
            PreparedBatch accounts = handle.prepareBatch("INSERT INTO accounts (name) VALUES (:name)");
            PreparedBatch rows = handle.prepareBatch("INSERT INTO endpoint_configurations (uuid, account_name, "
                    + "endpoint_type, settings, created_at, last_updated) VALUES (:uuid, :name, 'webhook', :settings, "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            PreparedBatch selectors = handle.prepareBatch("INSERT INTO selectors (uuid, configuration_uuid, scope, "
                    + "event_level, event_type, event_resource_type, created_at) VALUES (:uuid, :uuid, 'account', '*', '*', "
                    + "'*', CURRENT_TIMESTAMP)");
            for (int i = 0; i < configurations; i++) {
                accounts.bind("name", "bench-" + i).add();
                rows.bind("uuid", "config-" + i).bind("name", "bench-" + i)
                        .bind("settings", "{\"url\":\"" + url + "\"}").add();
                selectors.bind("uuid", "config-" + i).add();
            }
            accounts.execute();
            rows.execute();
            selectors.execute();
            handle.execute("UPDATE configuration_version SET version = version + 1");
        });
    }

    private static Instant insertEvents(Jdbi sql, int accounts, int events) {
        return sql.inTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO events (account_name, event_type, event_level, "
                    + "message, details, resource_type, resource_id) VALUES (:account, "
                    + "'user.checks.tag.vulnerabilities.update', 'info', 'Vulnerability update detected for tagged image', "
                    + "'{\"diff_vulnerability_result\":{\"added\":[],\"updated\":[],\"removed\":[]}}', 'image_tag', :id)");
            for (int i = 0; i < events; i++) {
                batch.bind("account", "bench-" + (i % accounts)).bind("id", "docker.io/acme/app-" + i + ":1.0").add();
            }
            batch.execute();
            return Instant.now();
        });
    }

    private static Latency latency(Path folder, int samples) throws Exception {
        TestDatabase database = TestDatabase.h2(folder);
        try (LoopbackReceiver receiver = new LoopbackReceiver();
                HeraldInstance herald = HeraldInstance.start(database, Map.of("herald.cycle-timers.notifications", "1"))) {
            ApiClient api = herald.api();
            String uuid = api.post("/v2/notifications/endpoints/webhook/configurations",
                    Map.of("url", receiver.url("/latency"))).text("uuid");
            api.post("/v2/notifications/endpoints/webhook/configurations/" + uuid + "/selectors",
                    Map.of("scope", "account", "event", Map.of("level", "*", "type", "*", "resource_type", "*")));
            List<Long> millis = new ArrayList<>();
            Random phase = new Random(42);
            for (int i = 0; i < samples; i++) {
                long posted = System.nanoTime();
                api.post("/v2/events", event("user.image.analysis.completed", "info", "image_tag"));
                int expected = i + 1;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                        .until(() -> receiver.requestsTo("/latency").size() >= expected);
                millis.add((receiver.requestsTo("/latency").get(i).receivedAtNanos() - posted) / 1_000_000);
                // post at a random point of the cycle, as real events arrive (pacing, not waiting for a condition)
                TimeUnit.MILLISECONDS.sleep(phase.nextInt(1000));
            }
            Collections.sort(millis);
            return new Latency(samples, millis.get(samples / 2), millis.get((int) Math.ceil(samples * 0.95) - 1),
                    millis.get(samples - 1));
        }
    }
}
