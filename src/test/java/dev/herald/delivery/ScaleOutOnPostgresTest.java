package dev.herald.delivery;

import static dev.herald.support.Scenario.createWebhook;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.EventFeed;
import dev.herald.support.EventFeed.Kind;
import dev.herald.support.HeraldProcess;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.Receipts;
import dev.herald.support.Receipts.Expected;
import dev.herald.support.Receipts.Figures;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Scale-out (DESIGN §8): three Herald processes, started together on one fresh PostgreSQL
 * database with their default claim settings, share relay and dispatch with no leader. Every
 * expected delivery arrives exactly once and every process does part of the work, told by
 * {@code events.relayed_by} and {@code deliveries.delivered_by}. A configuration change made through
 * one process applies to every event stored after it, whichever process relays the event.
 */
class ScaleOutOnPostgresTest {

    private static final int PROCESSES = 3;
    private static final int EVENTS = 20_000;
    private static final int EVENTS_AFTER_THE_CHANGE = 3_000;

    /** Ten configurations by receiver path; four of them select none of the events fed at first. */
    private static final Map<String, Map<String, Object>> CONFIGURATIONS = new LinkedHashMap<>();

    static {
        CONFIGURATIONS.put("/scale/0", selector("account", "info", "user.checks.tag.policy_evaluation.update", "image_tag"));
        CONFIGURATIONS.put("/scale/1", selector("account", "*", "user.checks.tag.vulnerabilities.*", "*"));
        CONFIGURATIONS.put("/scale/2", selector("account", "*", "user.image.analysis.completed", "image_digest"));
        CONFIGURATIONS.put("/scale/3", selector("account", "error", "user.image.analysis.failed", "*"));
        CONFIGURATIONS.put("/scale/4", selector("account", "error", "system.*", "*"));
        CONFIGURATIONS.put("/scale/5", selector("account", "*", "*", "feeds"));
        CONFIGURATIONS.put("/scale/6", selector("account", "*", "user.checks.*", "repository"));
        CONFIGURATIONS.put("/scale/7", selector("account", "info", "system.*", "*"));
        CONFIGURATIONS.put("/scale/8", selector("account", "error", "user.checks.*", "*"));
        CONFIGURATIONS.put("/scale/9", selector("account", "*", "system.feeds.sync.completed", "*"));
    }

    /** The kinds of event fed, in turn, and the configurations each must reach. */
    private static final List<Kind> KINDS = List.of(
            new Kind("user.checks.tag.policy_evaluation.update", "info", "image_tag", List.of("/scale/0")),
            new Kind("user.checks.tag.vulnerabilities.update", "info", "image_tag", List.of("/scale/1")),
            new Kind("user.image.analysis.completed", "info", "image_digest", List.of("/scale/2")),
            new Kind("user.image.analysis.failed", "error", "image_digest", List.of("/scale/3")),
            new Kind("system.feeds.sync.failed", "error", "feeds", List.of("/scale/4", "/scale/5")));

    @Test
    void threeProcessesShareTheWorkAndDeliverEachDeliveryExactlyOnce() {
        long started = System.nanoTime();
        Path folder = HeraldProcess.folderFor(getClass());
        TestDatabase database = TestDatabase.postgres();
        Jdbi sql = database.jdbi();
        List<HeraldProcess> processes = new ArrayList<>();
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            // together, as an orchestrator starts replicas: on a fresh database they migrate and seed it at once
            List<CompletableFuture<HeraldProcess>> starting = new ArrayList<>();
            for (int i = 1; i <= PROCESSES; i++) {
                String name = "herald-" + i;
                starting.add(CompletableFuture.supplyAsync(() -> HeraldProcess.start(name, database, folder, Map.of())));
            }
            for (CompletableFuture<HeraldProcess> start : starting) {
                processes.add(start.join());
            }
            long ready = System.nanoTime();
            ApiClient first = processes.get(0).api();
            Map<String, String> configurationByPath = new LinkedHashMap<>();
            CONFIGURATIONS.forEach((path, selector) -> configurationByPath.put(path,
                    createWebhook(first, Map.of("url", receiver.url(path)), List.of(selector))));

            Set<Expected> expected = EventFeed.feed(sql, "scale-", EVENTS, KINDS);
            awaitSettled(sql, receiver, expected.size());
            double seconds = (System.nanoTime() - ready) / 1e9;
            Figures figures = Receipts.of(receiver.requests()).against(expected);
            Map<String, Integer> delivered = countBy(sql, processes,
                    "SELECT COUNT(*) FROM deliveries WHERE delivered_by LIKE :claimant");
            Map<String, Integer> relayed = countBy(sql, processes,
                    "SELECT COUNT(*) FROM events WHERE event_id LIKE 'scale-%' AND relayed_by LIKE :claimant");

            // through the first process only: configuration 0 stops selecting policy evaluations, 9 starts
            String policyType = KINDS.get(0).type();
            String oldSelector = first.get("/v2/notifications/endpoints/webhook/configurations/"
                    + configurationByPath.get("/scale/0") + "/selectors").json().get(0).get("uuid").asText();
            assertThat(first.delete("/v2/notifications/endpoints/webhook/configurations/"
                    + configurationByPath.get("/scale/0") + "/selectors/" + oldSelector).status()).isEqualTo(200);
            ApiResponse added = first.post("/v2/notifications/endpoints/webhook/configurations/"
                    + configurationByPath.get("/scale/9") + "/selectors", selector("account", "*", policyType, "*"));
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
            Kind policyAfterTheChange = new Kind(policyType, "info", "image_tag", List.of("/scale/9"));
            Set<Expected> expectedAfterTheChange = EventFeed.feed(sql, "change-", EVENTS_AFTER_THE_CHANGE,
                    List.of(policyAfterTheChange));
            Set<Expected> all = new HashSet<>(expected);
            all.addAll(expectedAfterTheChange);
            awaitSettled(sql, receiver, all.size());
            Figures figuresAfterTheChange = Receipts.of(receiver.requests()).against(all);
            Map<String, Integer> relayedAfterTheChange = countBy(sql, processes,
                    "SELECT COUNT(*) FROM events WHERE event_id LIKE 'change-%' AND relayed_by LIKE :claimant");

            System.out.printf("Scale-out on PostgreSQL: %d processes, %d configurations, %d events, %.1f s "
                    + "(whole test %.1f s)%n", PROCESSES, CONFIGURATIONS.size(), EVENTS, seconds, (System.nanoTime() - started) / 1e9);
            System.out.println("  deliveries: " + figures);
            System.out.println("  delivered by process: " + delivered + "; events relayed by process: " + relayed);
            System.out.println("  after a configuration change through herald-1, " + EVENTS_AFTER_THE_CHANGE
                    + " more events: " + figuresAfterTheChange + "; relayed by process: " + relayedAfterTheChange);

            assertThat(figures.received()).as("each expected delivery exactly once").isEqualTo(expected.size());
            assertThat(figures.duplicated()).isZero();
            assertThat(figures.lost()).isZero();
            assertThat(figures.unexpected()).isZero();
            assertThat(delivered.values()).as("every process delivered some").allSatisfy(n -> assertThat(n).isPositive());
            assertThat(delivered.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(expected.size());
            assertThat(relayed.values()).as("every process relayed some").allSatisfy(n -> assertThat(n).isPositive());
            assertThat(relayed.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(EVENTS);

            assertThat(figuresAfterTheChange.received()).as("the new configuration, exactly once").isEqualTo(all.size());
            assertThat(figuresAfterTheChange.duplicated()).isZero();
            assertThat(figuresAfterTheChange.lost()).isZero();
            assertThat(figuresAfterTheChange.unexpected()).as("nothing under the old configuration").isZero();
            assertThat(relayedAfterTheChange.values().stream().filter(n -> n > 0).count())
                    .as("more than one process relayed events after the change").isGreaterThan(1);
            processes.forEach(HeraldProcess::stop);
        } finally {
            processes.forEach(HeraldProcess::close);
        }
    }

    /** Until every event is relayed, no delivery is pending, and the receiver has had at least {@code requests}. */
    private static void awaitSettled(Jdbi sql, LoopbackReceiver receiver, int requests) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> sql.withHandle(handle ->
                handle.createQuery("SELECT (SELECT COUNT(*) FROM events WHERE relayed_at IS NULL) "
                        + "+ (SELECT COUNT(*) FROM deliveries WHERE state = 'pending')").mapTo(Integer.class).one()) == 0
                && receiver.requests().size() >= requests);
    }

    private static Map<String, Integer> countBy(Jdbi sql, List<HeraldProcess> processes, String query) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (HeraldProcess herald : processes) {
            counts.put(herald.name(), sql.withHandle(handle -> handle.createQuery(query)
                    .bind("claimant", herald.claimantPattern()).mapTo(Integer.class).one()));
        }
        return counts;
    }
}
