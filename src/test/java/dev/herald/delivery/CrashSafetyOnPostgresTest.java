package dev.herald.delivery;

import static dev.herald.support.Scenario.createWebhook;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Crash safety (DESIGN §8) on PostgreSQL: a Herald process is killed with SIGKILL in the middle of
 * relay, then three times in the middle of dispatch, and restarted each time; the last one is let
 * finish. Every expected delivery reaches the receiver at least once; a delivery arrives twice
 * only if it was in flight at a kill (claimed by the killed process and not yet recorded, as the
 * database shows right after the kill), and always with the same delivery id.
 */
class CrashSafetyOnPostgresTest {

    private static final int EVENTS = 5_000;
    private static final Map<String, String> SETTINGS = Map.of(
            // the claims of a killed process are taken over 2 s after they were made
            "HERALD_DISPATCH_CLAIM_TIMEOUT", "2",
            // 50 relay transactions rather than 10, so a kill lands among them
            "HERALD_RELAY_BATCH_SIZE", "100");
    /** Slow enough that a kill lands while requests are out; fast enough for a short test. */
    private static final Duration RECEIVER_DELAY = Duration.ofMillis(5);

    /** The receiver path of each configuration, and its selector. */
    private static final Map<String, Map<String, Object>> CONFIGURATIONS = Map.of(
            "/crash/all", selector("account", "*", "*", "*"),
            "/crash/checks", selector("account", "*", "user.checks.*", "*"),
            "/crash/errors", selector("account", "error", "*", "*"));

    /** The kinds of event fed, in turn, and the configurations each must reach. */
    private static final List<Kind> KINDS = List.of(
            new Kind("user.checks.tag.policy_evaluation.update", "info", "image_tag", List.of("/crash/all", "/crash/checks")),
            new Kind("user.image.analysis.failed", "error", "image_digest", List.of("/crash/all", "/crash/errors")),
            new Kind("user.image.analysis.completed", "info", "image_digest", List.of("/crash/all")));

    /** What the database showed right after a kill. */
    private record Kill(String point, int relayed, int delivered, Set<String> inFlight) {
    }

    @Test
    void killedDuringRelayAndDispatchNothingIsLostAndOnlyDeliveriesInFlightArriveTwice() {
        long started = System.nanoTime();
        Path folder = HeraldProcess.folderFor(getClass());
        TestDatabase database = TestDatabase.postgres();
        Jdbi sql = database.jdbi();
        List<HeraldProcess> processes = new ArrayList<>();
        List<Kill> kills = new ArrayList<>();
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            CONFIGURATIONS.keySet().forEach(path -> receiver.answerAfter(path, RECEIVER_DELAY));
            HeraldProcess herald = start(processes, database, folder);
            Map<String, String> pathByConfiguration = new HashMap<>();
            CONFIGURATIONS.forEach((path, selector) -> pathByConfiguration.put(
                    createWebhook(herald.api(), Map.of("url", receiver.url(path)), List.of(selector)), path));
            Set<Expected> expected = EventFeed.feed(sql, "crash-", EVENTS, KINDS);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> count(sql, "SELECT COUNT(*) FROM events WHERE relayed_at IS NOT NULL") >= EVENTS / 10);
            kills.add(kill(herald, sql, "relay"));

            for (int percent : new int[] {20, 45, 70}) {
                HeraldProcess next = start(processes, database, folder);
                int target = expected.size() * percent / 100;
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> count(sql, "SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'") >= target
                                && inFlight(sql, next).size() > 0);
                kills.add(kill(next, sql, "dispatch at " + percent + " %"));
            }

            HeraldProcess last = start(processes, database, folder);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> count(sql, "SELECT COUNT(*) FROM events WHERE relayed_at IS NULL") == 0
                            && count(sql, "SELECT COUNT(*) FROM deliveries WHERE state <> 'delivered'") == 0);
            last.stop();

            Receipts receipts = Receipts.of(receiver.requests());
            Figures figures = receipts.against(expected);
            Set<String> inFlightAtKills = new HashSet<>();
            kills.forEach(kill -> inFlightAtKills.addAll(kill.inFlight()));
            Set<String> duplicatedInFlight = new HashSet<>(receipts.duplicated());
            duplicatedInFlight.retainAll(inFlightAtKills);
            System.out.printf("Crash safety on PostgreSQL, %d events, %d kills (SIGKILL), %.1f s%n", EVENTS, kills.size(),
                    (System.nanoTime() - started) / 1e9);
            kills.forEach(kill -> System.out.printf("  kill during %-16s relayed %5d of %d, delivered %5d, in flight %d%n",
                    kill.point(), kill.relayed(), EVENTS, kill.delivered(), kill.inFlight().size()));
            System.out.println("  deliveries: " + figures + "; in flight at the kills " + inFlightAtKills.size()
                    + ", duplicated among them " + duplicatedInFlight.size());

            assertThat(kills.get(0).relayed()).as("the first kill lands in the middle of relay").isBetween(1, EVENTS - 1);
            assertThat(kills.subList(1, kills.size())).as("the other kills land in the middle of dispatch")
                    .allSatisfy(kill -> assertThat(kill.delivered()).isBetween(1, expected.size() - 1));
            assertThat(inFlightAtKills).as("some deliveries were in flight at the kills").isNotEmpty();

            assertThat(figures.lost()).as("expected deliveries never received").isZero();
            assertThat(figures.unexpected()).as("deliveries received that no configuration selects").isZero();
            assertThat(receipts.duplicated()).as("only deliveries in flight at a kill arrive twice")
                    .isSubsetOf(inFlightAtKills);
            assertThat(receipts.deliveryIdsByPair().values()).as("each (event, configuration) under one delivery id")
                    .allSatisfy(ids -> assertThat(ids).hasSize(1));
            assertDeliveryRows(sql, expected, pathByConfiguration, receipts);
        } finally {
            processes.forEach(HeraldProcess::close);
        }
    }

    private static HeraldProcess start(List<HeraldProcess> processes, TestDatabase database, Path folder) {
        HeraldProcess herald = HeraldProcess.start("herald-" + (processes.size() + 1), database, folder, SETTINGS);
        processes.add(herald);
        return herald;
    }

    /**
     * Kills the process, then reads what it left: once it is dead its open transactions are rolled
     * back, so a pending delivery still claimed by it is exactly one it had claimed and not recorded.
     */
    private static Kill kill(HeraldProcess herald, Jdbi sql, String point) {
        herald.kill();
        return new Kill(point,
                count(sql, "SELECT COUNT(*) FROM events WHERE relayed_at IS NOT NULL"),
                count(sql, "SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'"),
                inFlight(sql, herald));
    }

    private static Set<String> inFlight(Jdbi sql, HeraldProcess herald) {
        return new HashSet<>(sql.withHandle(handle -> handle.createQuery(
                        "SELECT uuid FROM deliveries WHERE state = 'pending' AND claimed_by LIKE :claimant")
                .bind("claimant", herald.claimantPattern())
                .mapTo(String.class)
                .list()));
    }

    private static int count(Jdbi sql, String query) {
        return sql.withHandle(handle -> handle.createQuery(query).mapTo(Integer.class).one());
    }

    /** No delivery row lost or made twice, none left pending or claimed, each sent under its own uuid. */
    private static void assertDeliveryRows(Jdbi sql, Set<Expected> expected, Map<String, String> pathByConfiguration,
            Receipts receipts) {
        record Row(Expected pair, String uuid, String state, String claimedBy, Object claimedUntil) {
        }
        List<Row> rows = sql.withHandle(handle -> handle.createQuery("SELECT e.event_id, d.configuration_uuid, d.uuid, "
                        + "d.state, d.claimed_by, d.claimed_until FROM deliveries d JOIN events e ON e.id = d.event_id")
                .map((rs, ctx) -> new Row(new Expected(rs.getString(1), pathByConfiguration.get(rs.getString(2))),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6)))
                .list());
        assertThat(rows).extracting(Row::pair).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.state()).isEqualTo("delivered");
            assertThat(row.claimedBy()).isNull();
            assertThat(row.claimedUntil()).isNull();
            assertThat(receipts.deliveryIdsByPair().get(row.pair())).containsExactly(row.uuid());
        });
    }
}
