package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver that answers 503 at once to every request, with a backlog of deliveries: after its
 * first failures it is sent one probe per retry, not a request per claim pass, and its backlog waits
 * in the table (not due) meanwhile; a healthy receiver of the same events gets everything at once.
 * Once the receiver answers again, its waiting backlog goes at once, not when the probes it was put
 * off for could have ended. Real Main and YAML on H2, real sockets.
 */
class FailingReceiverCircuitRouteTest {

    private static final int EVENTS = 200;
    private static final int RECOVERING_EVENTS = 50;
    /** Every retry within 0 to 4 s (full jitter): about two seconds on average. */
    private static final String BACKOFF_SECONDS = "4";

    @TempDir
    static Path folder;

    static HeraldInstance herald;
    static Scenario scenario;
    static LoopbackReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = new LoopbackReceiver();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of(
                "herald.delivery.backoff-base", BACKOFF_SECONDS,
                "herald.delivery.backoff-cap", BACKOFF_SECONDS));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.close();
    }

    @Test
    void aReceiverAnswering503IsProbedOncePerRetryWhileAHealthyOneGetsEverything() {
        ApiClient acme = scenario.newAccount();
        receiver.answer("/down", 503);
        String down = scenario.webhook(acme, receiver.url("/down"), List.of(selector("account", "*", "*", "*")));
        scenario.webhook(acme, receiver.url("/up"), List.of(selector("account", "*", "*", "*")));

        scenario.postAll(acme, IntStream.range(0, EVENTS)
                .mapToObj(i -> event("system.test.random_wisdom", "info", "wisdom")).toList());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(receiver.requestsTo("/up")).hasSize(EVENTS));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requestsTo("/down").size() >= 2);

        // failing still: from here on one probe per retry, each 0 to 4 s after the one before, so at
        // most 16 in the next 8 s, and at least one
        int before = receiver.requestsTo("/down").size();
        await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                .until(() -> receiver.requestsTo("/down").size() - before <= 16);
        assertThat(receiver.requestsTo("/down").size() - before).as("requests to the failing receiver in 8 s")
                .isBetween(1, 16);
        // its backlog waits, not due, rather than being passed over by every claim
        int due = scenario.sql().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM deliveries "
                        + "WHERE configuration_uuid = :uuid AND state = 'pending' AND next_attempt_at <= CURRENT_TIMESTAMP")
                .bind("uuid", down).mapTo(Integer.class).one());
        int pending = scenario.sql().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM deliveries "
                        + "WHERE configuration_uuid = :uuid AND state = 'pending'")
                .bind("uuid", down).mapTo(Integer.class).one());
        assertThat(pending).isGreaterThan(EVENTS - 20);
        assertThat(due).as("of %d pending", pending).isLessThan(pending / 2);
    }

    @Test
    void onceItsReceiverAnswersAgainItsWaitingBacklogGoesAtOnce() {
        ApiClient acme = scenario.newAccount();
        receiver.answer("/recovers", 503);
        // a long timeout: the backlog is put off until a probe could have ended, 30 s after it went
        String recovers = scenario.webhook(acme, Map.of("url", receiver.url("/recovers"), "timeout_seconds", 30),
                List.of(selector("account", "*", "*", "*")));
        scenario.postAll(acme, IntStream.range(0, RECOVERING_EVENTS)
                .mapToObj(i -> event("system.test.random_wisdom", "info", "wisdom")).toList());
        // its bulkhead failed, then a probe: the circuit is open and the backlog put off
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requestsTo("/recovers").size() >= 9);

        receiver.answer("/recovers", 200);

        // the next probe (within 4 s) is answered, and the backlog follows it
        await().atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofMillis(100))
                .until(() -> delivered(recovers) == RECOVERING_EVENTS);
    }

    private static int delivered(String configuration) {
        return scenario.sql().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM deliveries "
                        + "WHERE configuration_uuid = :uuid AND state = 'delivered'")
                .bind("uuid", configuration).mapTo(Integer.class).one());
    }
}
