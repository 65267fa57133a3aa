package dev.herald.bench;

import static dev.herald.support.Scenario.event;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The API calls behind each console screen, timed with 1,000 configurations and 100,000 deliveries
 * in one account (a thousand per event; a second argument sets how many events), on an H2 file and on the embedded PostgreSQL. Each
 * screen's calls are made one after another as the console makes them (it makes them at once, so a
 * screen takes at most this long in the API); the best of {@value #REPETITIONS} after a warm-up is
 * printed, so a pause of the machine is not taken for the screen's time. Run:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.herald.bench.ConsoleScreensBenchmark [-Dexec.args="h2|postgresql [events]"]}
 */
public final class ConsoleScreensBenchmark {

    private static final int WARM_UP = 5;
    private static final int REPETITIONS = 10;
    private static final String CONFIGURATIONS = "/v2/notifications/endpoints/webhook/configurations";

    /** Each screen and the calls it makes to draw itself (see src/main/resources/console/js). */
    private static final Map<String, List<String>> SCREENS = screens();

    private ConsoleScreensBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> databases = args.length == 0 ? List.of("h2", "postgresql") : List.of(args[0].split(","));
        int events = args.length < 2 ? 100 : Integer.parseInt(args[1]);
        for (String database : databases) {
            Path folder = Files.createTempDirectory("herald-console-bench");
            TestDatabase test = database.equals("h2") ? TestDatabase.h2(folder) : TestDatabase.postgres();
            try (HeraldInstance herald = HeraldInstance.start(test)) {
                Scenario scenario = new Scenario(herald);
                ApiClient api = seeded(scenario, database, events);
                Map<String, Long> best = new LinkedHashMap<>();
                SCREENS.forEach((screen, calls) -> best.put(screen, bestOf(api, calls)));
                System.out.printf("Console screens on %s with 1,000 configurations and %,d deliveries (best of %d, ms):%n",
                        database, events * 1000L, REPETITIONS);
                best.forEach((screen, millis) -> System.out.printf("  %-28s %4d  %s%n", screen, millis, SCREENS.get(screen)));
                System.out.println("  and each call on its own:");
                SCREENS.values().stream().flatMap(List::stream).distinct()
                        .forEach(call -> System.out.printf("  %4d  %s%n", bestOf(api, List.of(call)), call));
                System.out.printf("  %4d  counted through the index (account_name, state, ...) instead%n",
                        countedThroughIndex(scenario, api.account()));
            }
        }
        System.exit(0);
    }

    private static Map<String, List<String>> screens() {
        Map<String, List<String>> screens = new LinkedHashMap<>();
        screens.put("#/notifications", List.of("/v2/notifications/endpoints"));
        screens.put("#/notifications/webhook", List.of("/v2/notifications/endpoints", CONFIGURATIONS));
        // and the configurations of the endpoint types on the page (all webhooks here), for their descriptions
        screens.put("#/deliveries", List.of("/v2/notifications/delivery-counts", "/v2/notifications/deliveries?page=1&limit=50",
                CONFIGURATIONS));
        screens.put("#/deliveries (delivered)", List.of("/v2/notifications/delivery-counts",
                "/v2/notifications/deliveries?state=delivered&page=1&limit=50", CONFIGURATIONS));
        screens.put("#/deliveries (dead)", List.of("/v2/notifications/delivery-counts",
                "/v2/notifications/deliveries?state=dead&page=1&limit=50", CONFIGURATIONS));
        screens.put("#/deliveries (page 100)", List.of("/v2/notifications/delivery-counts",
                "/v2/notifications/deliveries?page=100&limit=50", CONFIGURATIONS));
        screens.put("#/events", List.of("/v2/events?page=1&limit=50", "/v2/event-types"));
        screens.put("#/alerts", List.of("/api/scanning/v1/alerts?limit=50"));
        return screens;
    }

    /**
     * A new account with 1,000 webhook configurations, {@code events} events and a delivery of each event
     * to each configuration: all delivered but one configuration's, dead. Returns the account's client.
     */
    private static ApiClient seeded(Scenario scenario, String database, int events) {
        ApiClient api = scenario.newAccount();
        String account = api.account();
        String first = scenario.webhook(api, Map.of("url", "http://localhost:9/at-scale", "description", "hook 0"), List.of());
        scenario.postAll(api, IntStream.range(0, events)
                .mapToObj(i -> event("user.checks.tag.policy_evaluation.update", "info", "image_tag")).toList());
        boolean h2 = database.equals("h2");
        String uuid = h2 ? "RANDOM_UUID()" : "gen_random_uuid()::text";
        String range = h2 ? "SYSTEM_RANGE(1, 999) r" : "generate_series(1, 999) AS r(x)";
        scenario.sql().useTransaction(sql -> {
            sql.createUpdate("INSERT INTO endpoint_configurations (uuid, account_name, endpoint_type, description, verify_tls, "
                            + "settings, status, created_at, last_updated) SELECT " + uuid + ", account_name, endpoint_type, "
                            + "'hook ' || r.x, verify_tls, settings, status, created_at, last_updated "
                            + "FROM endpoint_configurations, " + range + " WHERE uuid = :first")
                    .bind("first", first).execute();
            sql.createUpdate("INSERT INTO deliveries (uuid, event_id, configuration_uuid, endpoint_type, account_name, state, "
                            + "attempts, next_attempt_at, created_at, updated_at, delivered_at, event_level) SELECT " + uuid
                            + ", e.id, c.uuid, 'webhook', :account, CASE WHEN c.uuid = :first THEN 'dead' ELSE 'delivered' END, 1, "
                            + "e.created_at, e.created_at, e.created_at, e.created_at, e.event_level "
                            + "FROM events e, endpoint_configurations c WHERE e.account_name = :account AND c.account_name = :account")
                    .bind("account", account).bind("first", first).execute();
            // counted as Herald counts the deliveries it writes (CountChanges)
            sql.createUpdate("INSERT INTO delivery_counts (account_name, state, slot, n) SELECT account_name, state, 0, "
                            + "COUNT(*) FROM deliveries WHERE account_name = :account GROUP BY account_name, state")
                    .bind("account", account).execute();
        });
        if (!h2) {
            scenario.sql().useHandle(sql -> sql.execute("VACUUM ANALYZE deliveries"));
        }
        ApiResponse counts = api.get("/v2/notifications/delivery-counts");
        System.out.println("Seeded " + account + " on " + database + ": " + counts.json());
        return api;
    }

    /** The account's counts per state counted from the deliveries table, best of as many runs as a screen. */
    private static long countedThroughIndex(Scenario scenario, String account) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < WARM_UP + REPETITIONS; run++) {
            long start = System.nanoTime();
            scenario.sql().useHandle(sql -> sql.createQuery(
                            "SELECT state, COUNT(*) FROM deliveries WHERE account_name = :account GROUP BY state")
                    .bind("account", account).mapToMap().list());
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (run >= WARM_UP) {
                best = Math.min(best, millis);
            }
        }
        return best;
    }

    private static long bestOf(ApiClient api, List<String> calls) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < WARM_UP + REPETITIONS; run++) {
            long start = System.nanoTime();
            for (String call : calls) {
                ApiResponse response = api.get(call);
                if (response.status() != 200) {
                    throw new IllegalStateException(call + " answered " + response);
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (run >= WARM_UP) {
                best = Math.min(best, millis);
            }
        }
        return best;
    }
}
