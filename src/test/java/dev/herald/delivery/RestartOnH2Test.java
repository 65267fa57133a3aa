package dev.herald.delivery;

import static dev.herald.support.Scenario.createWebhook;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default (DESIGN §2): Herald stopped as an orchestrator stops it (SIGTERM) in the
 * middle of dispatch and started again on the same H2 file loses nothing and resends nothing.
 */
class RestartOnH2Test {

    private static final int EVENTS = 2_000;
    private static final String PATH = "/restart";
    /**
     * A claim left behind by the stop would be taken over 2 s after it was made, well within the
     * test, so a delivery the first process sent but did not record would show as a resend.
     */
    private static final Map<String, String> SETTINGS = Map.of("HERALD_DISPATCH_CLAIM_TIMEOUT", "2");

    @TempDir
    Path h2Folder;

    @Test
    void stoppedInTheMiddleOfDispatchAndRestartedOnTheSameFileNothingIsLostOrResent() {
        long started = System.nanoTime();
        Path folder = HeraldProcess.folderFor(getClass());
        TestDatabase database = TestDatabase.h2(h2Folder);
        List<HeraldProcess> processes = new ArrayList<>();
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            // slow enough that the stop finds deliveries still to send
            receiver.answerAfter(PATH, Duration.ofMillis(5));
            HeraldProcess first = HeraldProcess.start("herald-1", database, folder, SETTINGS);
            processes.add(first);
            createWebhook(first.api(), Map.of("url", receiver.url(PATH)), List.of(selector("account", "*", "*", "*")));
            Set<Expected> expected = post(first.api());

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                    .until(() -> receiver.requests().size() >= EVENTS / 4);
            first.stop();
            int receivedBeforeTheRestart = receiver.requests().size();

            HeraldProcess second = HeraldProcess.start("herald-2", database, folder, SETTINGS);
            processes.add(second);
            ApiClient api = second.api();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> receiver.requests().size() >= EVENTS
                            && api.get("/v2/notifications/deliveries?state=pending").json().get("results").isEmpty());
            second.stop();

            Receipts receipts = Receipts.of(receiver.requests());
            Figures figures = receipts.against(expected);
            Map<String, Integer> states = states(database.jdbi());
            System.out.printf("Restart on H2: %d events, stopped (SIGTERM) after %d received, restarted; %.1f s%n",
                    EVENTS, receivedBeforeTheRestart, (System.nanoTime() - started) / 1e9);
            System.out.println("  deliveries: " + figures + "; rows by state " + states);

            assertThat(receivedBeforeTheRestart).as("stopped in the middle of dispatch").isBetween(1, EVENTS - 1);
            assertThat(figures.lost()).as("lost").isZero();
            assertThat(figures.duplicated()).as("resent").isZero();
            assertThat(figures.received()).isEqualTo(EVENTS);
            assertThat(figures.unexpected()).isZero();
            assertThat(states).isEqualTo(Map.of("delivered", EVENTS));
        } finally {
            processes.forEach(HeraldProcess::close);
        }
    }

    /** Posts the events through the API, 500 to a request; returns the deliveries they must make. */
    private static Set<Expected> post(ApiClient api) {
        Set<Expected> expected = new HashSet<>();
        for (int posted = 0; posted < EVENTS; posted += 500) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = posted; i < posted + 500; i++) {
                events.add(event("user.image.analysis.completed", "info", "image_digest"));
            }
            ApiResponse stored = api.post("/v2/events", events);
            assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
            stored.json().forEach(event -> expected.add(new Expected(event.get("event_id").asText(), PATH)));
        }
        return expected;
    }

    /** Delivery rows by state, read once no process holds the file; a row still claimed counts as "claimed". */
    private static Map<String, Integer> states(Jdbi sql) {
        String stateOrClaimed = "CASE WHEN claimed_by IS NULL THEN state ELSE 'claimed' END";
        return sql.withHandle(handle -> handle.createQuery("SELECT " + stateOrClaimed + " AS s, COUNT(*) AS n "
                        + "FROM deliveries GROUP BY " + stateOrClaimed)
                .reduceRows(new TreeMap<String, Integer>(), (map, row) -> {
                    map.put(row.getColumn("s", String.class), row.getColumn("n", Integer.class));
                    return map;
                }));
    }
}
