package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.CapturedLog;
import dev.herald.support.HangingReceiver;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.MisbehavingReceiver;
import dev.herald.support.MisbehavingReceiver.Way;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A receiver that hangs, one that trickles its answer and one that resets the connection, beside a
 * healthy one, all selected by the same events: the healthy receiver gets every delivery as if the
 * others were not there; each bad one holds at most its configuration's slots
 * ({@code herald.dispatch.per-configuration}), and its attempts end as retryable failures at the
 * configuration's timeout, in the log at WARN without its secret. Real Main and YAML, real sockets.
 */
class DispatchIsolationRouteTest {

    private static final int PER_CONFIGURATION = 5;
    private static final int EVENTS = 30;
    private static final String TOKEN = "hook-token-that-must-not-be-logged";

    @TempDir
    static Path folder;

    static HeraldInstance herald;
    static Scenario scenario;
    static LoopbackReceiver healthy;
    static HangingReceiver hanging;
    static MisbehavingReceiver trickling;
    static MisbehavingReceiver resetting;

    @BeforeAll
    static void start() {
        healthy = new LoopbackReceiver();
        hanging = new HangingReceiver();
        trickling = new MisbehavingReceiver(Way.TRICKLE);
        resetting = new MisbehavingReceiver(Way.RESET);
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of(
                "herald.dispatch.per-configuration", Integer.toString(PER_CONFIGURATION),
                "herald.delivery.backoff-base", "0.05",
                "herald.delivery.backoff-cap", "0.2"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        // the receivers first: their closed connections end the requests still out, so Herald stops
        // at once instead of draining them to their timeouts
        healthy.close();
        hanging.close();
        trickling.close();
        resetting.close();
        herald.close();
    }

    @Test
    void aHealthyReceiverGetsEveryDeliveryWithinTwoSecondsWhileOthersHangTrickleAndReset() {
        ApiClient acme = scenario.newAccount();
        String path = "/healthy-" + System.nanoTime();
        scenario.webhook(acme, healthy.url(path), List.of(selector("account", "*", "*", "*")));
        // one delivery first, so the clock below does not count Herald's first HTTP call starting up
        scenario.awaitSettled(scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom")));
        String hangingUuid = badWebhook(acme, hanging.url("/hook"));
        String tricklingUuid = badWebhook(acme, trickling.url("/hook"));
        String resettingUuid = badWebhook(acme, resetting.url("/hook"));

        Instant posted = Instant.now();
        scenario.postAll(acme, IntStream.range(0, EVENTS)
                .mapToObj(i -> event("system.test.random_wisdom", "info", "wisdom")).toList());

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(healthy.requestsTo(path)).hasSize(EVENTS + 1));
        assertThat(Duration.between(posted, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(hanging.connections()).as("the hanging receiver was sent to meanwhile").isPositive();

        // each bad one ends its attempts as retryable failures at its 2 s timeout
        Map<String, Object> hung = scenario.awaitRetriedAttempt(hangingUuid);
        assertThat((String) hung.get("error")).containsIgnoringCase("timeout");
        assertThat(seconds(hung)).isBetween(1.8, 3.5);
        Map<String, Object> trickled = scenario.awaitRetriedAttempt(tricklingUuid);
        assertThat((String) trickled.get("error")).contains("no complete answer within 2 s");
        assertThat(seconds(trickled)).as("cut at the deadline, not after its 100 s of trickling").isBetween(1.8, 3.5);
        Map<String, Object> reset = scenario.awaitRetriedAttempt(resettingUuid);
        assertThat(seconds(reset)).isLessThan(1.0);

        // the bulkhead: never more of one configuration in flight than its slots
        assertThat(hanging.mostOpenAtOnce()).isEqualTo(PER_CONFIGURATION);
    }

    /**
     * The bad receivers alone (the test above also times the healthy one, which a loaded machine can
     * slow): with the HTTP client on Vert.x, a trickled answer is cut at the whole-request deadline
     * though a byte comes every 100 ms, a hanging one at the same deadline, a reset at once.
     */
    @Test
    void hangingTricklingAndResettingAttemptsEndAsRetryableFailuresAtTheirDeadline() {
        // receivers of its own: the test above counts the connections its hanging receiver is sent
        try (HangingReceiver ownHanging = new HangingReceiver();
                MisbehavingReceiver ownTrickling = new MisbehavingReceiver(Way.TRICKLE);
                MisbehavingReceiver ownResetting = new MisbehavingReceiver(Way.RESET)) {
            ApiClient acme = scenario.newAccount();
            String hangingUuid = badWebhook(acme, ownHanging.url("/alone"));
            String tricklingUuid = badWebhook(acme, ownTrickling.url("/alone"));
            String resettingUuid = badWebhook(acme, ownResetting.url("/alone"));

            scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));

            Map<String, Object> hung = scenario.awaitRetriedAttempt(hangingUuid);
            assertThat((String) hung.get("error")).containsIgnoringCase("timeout").doesNotContain(TOKEN);
            assertThat(seconds(hung)).isBetween(1.8, 3.5);
            Map<String, Object> trickled = scenario.awaitRetriedAttempt(tricklingUuid);
            assertThat((String) trickled.get("error")).contains("no complete answer within 2 s").doesNotContain(TOKEN);
            assertThat(seconds(trickled)).as("cut at the deadline, not after its 100 s of trickling").isBetween(1.8, 3.5);
            Map<String, Object> reset = scenario.awaitRetriedAttempt(resettingUuid);
            assertThat((String) reset.get("error")).contains("Connection reset").doesNotContain(TOKEN);
            assertThat(seconds(reset)).isLessThan(1.0);
        }
    }

    /**
     * An answer that never ends, sent as fast as loopback takes it: read up to 1 MiB, then the attempt
     * fails as retryable and its connection is closed. Vert.x's own codec read such an answer whole and
     * filled the heap (OutOfMemoryError in seconds with Herald's -Xmx256m), stopping every delivery;
     * so did camel-slack's client for a Slack URL, before Slack went over Herald's client too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"webhook", "slack"})
    void anEndlessAnswerIsReadNoFurtherThanOneMebibyteAndItsConnectionClosed(String type) {
        try (MisbehavingReceiver flooding = new MisbehavingReceiver(Way.FLOOD)) {
            ApiClient acme = scenario.newAccount();
            String path = "/beside-flood-" + System.nanoTime();
            scenario.webhook(acme, healthy.url(path), List.of(selector("account", "*", "*", "*")));
            String uuid = type.equals("webhook") ? badWebhook(acme, flooding.url("/hook"))
                    : badSlack(acme, flooding.url("/services/T000/B000/" + TOKEN));
            scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));

            Map<String, Object> flooded = scenario.awaitRetriedAttempt(uuid);
            assertThat((String) flooded.get("error")).contains("answer longer than 1024 KiB").doesNotContain(TOKEN);
            assertThat((String) flooded.get("outcome")).isEqualTo("retry");
            await().atMost(Duration.ofSeconds(5)).until(() -> flooding.floodsEnded() >= 1);
            assertThat(flooding.flooded()).as("bytes the receiver got out before its connection was closed")
                    .isLessThan(64L * 1024 * 1024);
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(healthy.requestsTo(path)).hasSize(1));
        }
    }

    @Test
    void aReceiverThatHangsIsProbedWithOneRequestAtATimeOnceItsAttemptsHaveFailed() {
        try (HangingReceiver hangs = new HangingReceiver()) {
            ApiClient acme = scenario.newAccount();
            String uuid = scenario.webhook(acme, Map.of("url", hangs.url("/hook"), "timeout_seconds", 1),
                    List.of(selector("account", "*", "*", "*")));
            scenario.postAll(acme, IntStream.range(0, EVENTS)
                    .mapToObj(i -> event("system.test.random_wisdom", "info", "wisdom")).toList());
            await().atMost(Duration.ofSeconds(5)).until(() -> hangs.mostOpenAtOnce() == PER_CONFIGURATION);

            // the first requests have timed out: from now on one probe at a time, not its whole bulkhead
            scenario.awaitRetriedAttempt(uuid);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> hangs.openNow() <= 1);
            hangs.countFromNow();
            int before = hangs.connections();
            await().atMost(Duration.ofSeconds(10)).until(() -> hangs.connections() >= before + 3);
            assertThat(hangs.mostOpenAtOnce()).isEqualTo(1);
        }
    }

    @Test
    void failedAttemptsAreLoggedAtWarnNamingTheirConfigurationAndWhenTheyAreRetriedWithoutTheSecret() {
        try (CapturedLog log = new CapturedLog()) {
            ApiClient acme = scenario.newAccount();
            String resettingUuid = badWebhook(acme, resetting.url("/hook"));

            scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));

            await().atMost(Duration.ofSeconds(10)).until(() -> log.text().contains("configuration " + resettingUuid));
            assertThat(log.text()).containsPattern("WARN dev.herald.delivery.dispatch.FailureLog Delivery [-0-9a-f]+ to webhook configuration "
                            + resettingUuid + " failed \\(attempt 1\\): SocketException: Connection reset; retried at ")
                    .doesNotContain(TOKEN);
        }
    }

    /** A webhook on a misbehaving receiver, 2 s timeout, a token in its URL. */
    private static String badWebhook(ApiClient api, String url) {
        return scenario.webhook(api, Map.of("url", url + "?token=" + TOKEN, "timeout_seconds", 2),
                List.of(selector("account", "*", "*", "*")));
    }

    private static String badSlack(ApiClient api, String url) {
        ApiResponse created = api.post("/v2/notifications/endpoints/slack/configurations",
                Map.of("url", url, "timeout_seconds", 2));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        api.post("/v2/notifications/endpoints/slack/configurations/" + created.text("uuid") + "/selectors",
                selector("account", "*", "*", "*"));
        return created.text("uuid");
    }

    private static double seconds(Map<String, Object> attempt) {
        return Duration.between(instant(attempt.get("started_at")), instant(attempt.get("finished_at"))).toMillis() / 1000.0;
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime at ? at.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }
}
