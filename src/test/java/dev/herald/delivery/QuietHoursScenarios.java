package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.AdjustableClock;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Reply;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours on real deliveries, on a clock the test moves: a delivery of a muted configuration
 * waits, pending and unattempted, until the window's end, then goes out once; an excepted level goes
 * through at once; a retry that falls due inside a window waits too. On H2 and PostgreSQL.
 */
abstract class QuietHoursScenarios {

    private static final String CONFIGURATIONS = "/v2/notifications/endpoints/webhook/configurations";

    static AdjustableClock clock;
    static LoopbackReceiver receiver;
    static HeraldInstance herald;
    static Scenario scenario;

    static void startOn(TestDatabase database) {
        clock = new AdjustableClock();
        receiver = new LoopbackReceiver();
        herald = HeraldInstance.start(database, Map.of(), clock);
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        if (herald != null) {
            herald.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aMutedDeliveryWaitsForTheWindowsEndAndThenGoesOutOnce() {
        ApiClient acme = scenario.newAccount();
        String path = "/muted-" + System.nanoTime();
        Instant end = muted(acme, path, -1, 10, List.of());

        String eventId = scenario.post(acme, event("user.image.analysis.completed", "info", "image_digest"));
        JsonNode waiting = awaitDeferredUntil(acme, eventId, end);

        assertThat(waiting.get("state").asText()).isEqualTo("pending");
        assertThat(waiting.get("attempts").asInt()).as("no attempt counted while muted").isZero();
        assertThat(receiver.requestsTo(path)).isEmpty();

        clock.advance(Duration.between(clock.instant(), end).plusSeconds(1));
        JsonNode delivered = scenario.awaitDelivery(acme, eventId, "delivered");

        assertThat(delivered.get("attempts").asInt()).isEqualTo(1);
        assertThat(receiver.requestsTo(path)).hasSize(1);
    }

    @Test
    void anExceptedLevelGoesThroughAtOnceWhileOthersWait() {
        ApiClient acme = scenario.newAccount();
        String path = "/excepted-" + System.nanoTime();
        Instant end = muted(acme, path, -1, 10, List.of("error"));

        String error = scenario.post(acme, event("system.test.random_wisdom", "error", "system"));
        String info = scenario.post(acme, event("user.image.analysis.completed", "info", "image_digest"));

        awaitDeferredUntil(acme, info, end);
        scenario.awaitDelivery(acme, error, "delivered");
        assertThat(receiver.requestsTo(path)).hasSize(1);
        assertThat(receiver.requestsTo(path).get(0).body()).contains("system.test.random_wisdom");
    }

    @Test
    void aRetryThatFallsDueInsideAWindowWaitsForItsEnd() {
        ApiClient acme = scenario.newAccount();
        String path = "/retried-" + System.nanoTime();
        // the first attempt, now, is before the window; the receiver asks for the retry in three
        // minutes, which is inside it
        receiver.answerInTurn(path, Reply.status(503).withHeader("Retry-After", "180"));
        Instant end = muted(acme, path, 2, 12, List.of());

        String eventId = scenario.post(acme, event("user.image.analysis.completed", "info", "image_digest"));
        // the failure recorded, its retry due in three minutes, before the clock moves
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> oneDelivery(acme, eventId),
                delivery -> delivery != null && delivery.get("last_status_code").asInt() == 503);
        clock.advance(Duration.ofSeconds(181));
        JsonNode waiting = awaitDeferredUntil(acme, eventId, end);

        assertThat(waiting.get("attempts").asInt()).as("only the first attempt counted").isEqualTo(1);
        assertThat(receiver.requestsTo(path)).hasSize(1);

        clock.advance(Duration.between(clock.instant(), end).plusSeconds(1));
        assertThat(scenario.awaitDelivery(acme, eventId, "delivered").get("attempts").asInt()).isEqualTo(2);
        assertThat(receiver.requestsTo(path)).hasSize(2);
    }

    @Test
    void theAnswerShowsTheWindowsAndOmitsThemWhenUnset() {
        ApiClient acme = scenario.newAccount();
        ApiResponse muted = acme.post(CONFIGURATIONS, Map.of("url", receiver.url("/shown"), "mute", List.of(Map.of(
                "days", List.of("sat", "sun"), "start", "22:00", "end", "07:00", "timezone", "Europe/Berlin")),
                "mute_except_levels", List.of("error")));
        assertThat(muted.status()).as(muted.toString()).isEqualTo(200);

        JsonNode shown = acme.get(CONFIGURATIONS + "/" + muted.text("uuid")).json();
        assertThat(shown.get("mute").toString()).isEqualTo(
                "[{\"days\":[\"SAT\",\"SUN\"],\"start\":\"22:00\",\"end\":\"07:00\",\"timezone\":\"Europe/Berlin\"}]");
        assertThat(shown.get("mute_except_levels").toString()).isEqualTo("[\"error\"]");

        ApiResponse plain = acme.post(CONFIGURATIONS, Map.of("url", receiver.url("/shown")));
        assertThat(plain.json().has("mute")).isFalse();
        assertThat(plain.json().has("mute_except_levels")).isFalse();
    }

    @Test
    void aBadWindowIsRefusedNamingTheField() {
        ApiClient acme = scenario.newAccount();
        ApiResponse refused = acme.post(CONFIGURATIONS, Map.of("url", receiver.url("/refused"), "mute", List.of(
                Map.of("start", "22:00", "end", "07:00", "timezone", "Europe/Atlantis"),
                Map.of("start", "08:00", "end", "08:00", "timezone", "UTC"))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.toString()).contains("mute[0].timezone").contains("mute[1].end");
    }

    /**
     * A webhook to {@code path}, muted every day (UTC) from {@code from} to {@code to} minutes after
     * the current minute of the test's clock, letting {@code exceptLevels} through; returns when the
     * window ends.
     */
    private static Instant muted(ApiClient acme, String path, int from, int to, List<String> exceptLevels) {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant end = minute.plus(Duration.ofMinutes(to));
        Map<String, Object> window = Map.of("start", hoursMinutes(minute.plus(Duration.ofMinutes(from))),
                "end", hoursMinutes(end), "timezone", "UTC");
        scenario.webhook(acme, Map.of("url", receiver.url(path), "mute", List.of(window), "mute_except_levels", exceptLevels),
                List.of(selector("account", "*", "*", "*")));
        return end;
    }

    private static String hoursMinutes(Instant instant) {
        return LocalTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    /** The event's one delivery, once it is due at {@code end}. */
    private static JsonNode awaitDeferredUntil(ApiClient acme, String eventId, Instant end) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> oneDelivery(acme, eventId), delivery -> delivery != null
                        && Instant.parse(delivery.get("next_attempt_at").asText()).equals(end));
    }

    private static JsonNode oneDelivery(ApiClient acme, String eventId) {
        List<JsonNode> deliveries = scenario.deliveriesOf(acme, eventId);
        return deliveries.isEmpty() ? null : deliveries.get(0);
    }
}
