package dev.herald.delivery;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.Json.elements;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Reply;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.Scenario;
import dev.herald.support.ScriptedSmtpServer;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dispatch-deliveries beyond the first attempt: which failures are retried and how (Retry-After,
 * timeouts, SMTP's transient replies), which are dead at once, replays through the API, and rate
 * limits, on the real Main and YAML against loopback receivers. Backoff is shortened so the
 * retries happen within the test.
 */
class DispatchDeliveriesRouteTest {

    private static final int MAX_ATTEMPTS = 4;
    private static final List<Map<String, Object>> EVERYTHING = List.of(selector("account", "*", "*", "*"));

    @TempDir
    static Path folder;

    static LoopbackReceiver receiver;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        receiver = new LoopbackReceiver();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of(
                "herald.delivery.max-attempts", Integer.toString(MAX_ATTEMPTS),
                "herald.delivery.backoff-base", "0.05",
                "herald.delivery.backoff-cap", "0.2"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.close();
    }

    // ---------------------------------------------------------------- retried, or dead at once

    @Test
    void a429WithRetryAfterTwoSecondsIsRetriedNoSoonerThanTwoSecondsLater() {
        ApiClient acme = scenario.newAccount();
        String path = "/busy-" + System.nanoTime();
        receiver.answerInTurn(path, Reply.status(429).withHeader("Retry-After", "2"));
        scenario.webhook(acme, receiver.url(path), EVERYTHING);

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        JsonNode delivery = scenario.awaitDelivery(acme, eventId, "delivered");

        List<Request> requests = receiver.requestsTo(path);
        assertThat(requests).hasSize(2);
        assertThat(Duration.ofNanos(requests.get(1).receivedAtNanos() - requests.get(0).receivedAtNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(4));
        assertThat(elements(delivery.get("attempts_history"))).extracting(a -> a.get("status_code").asInt(),
                a -> a.get("outcome").asText()).containsExactly(tuple(429, "retry"), tuple(200, "delivered"));
    }

    @Test
    void aRetryAfterPastTheMaxAgeIsDeadAtOnce() {
        ApiClient acme = scenario.newAccount();
        String path = "/busy-for-days-" + System.nanoTime();
        receiver.answerInTurn(path, Reply.status(503).withHeader("Retry-After", "200000"));
        scenario.webhook(acme, receiver.url(path), EVERYTHING);

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        JsonNode delivery = scenario.awaitDelivery(acme, eventId, "dead");

        assertThat(receiver.requestsTo(path)).hasSize(1);
        assertThat(delivery.get("last_error").asText()).startsWith("gave up after 1 attempt, the receiver's Retry-After (")
                .endsWith(") is past herald.delivery.max-age: HTTP 503: refused by the test receiver");
    }

    @Test
    void a400AndA404AreDeadAtOnce() {
        for (int status : List.of(400, 404)) {
            ApiClient acme = scenario.newAccount();
            String path = "/refusing-" + status + "-" + System.nanoTime();
            receiver.answer(path, status);
            scenario.webhook(acme, receiver.url(path), EVERYTHING);

            String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
            JsonNode delivery = scenario.awaitDelivery(acme, eventId, "dead");

            assertThat(receiver.requestsTo(path)).as("HTTP " + status).hasSize(1);
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.get("last_status_code").asInt()).isEqualTo(status);
            assertThat(delivery.get("last_error").asText()).isEqualTo("HTTP " + status + ": refused by the test receiver");
            assertThat(elements(delivery.get("attempts_history"))).extracting(a -> a.get("outcome").asText())
                    .containsExactly("dead");
        }
    }

    @Test
    void aReceiverThatHangsTimesOutAndIsRetried() {
        ApiClient acme = scenario.newAccount();
        String path = "/hanging-" + System.nanoTime();
        receiver.answerInTurn(path, Reply.status(200).after(Duration.ofSeconds(5)));
        scenario.webhook(acme, Map.of("url", receiver.url(path), "timeout_seconds", 1), EVERYTHING);

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        JsonNode delivery = scenario.awaitDelivery(acme, eventId, "delivered");

        assertThat(receiver.requestsTo(path)).hasSize(2)
                .allSatisfy(request -> assertThat(request.header("webhook-id")).isEqualTo(delivery.get("uuid").asText()));
        List<JsonNode> history = elements(delivery.get("attempts_history"));
        assertThat(history).extracting(a -> a.get("outcome").asText()).containsExactly("retry", "delivered");
        assertThat(history.get(0).get("status_code").isNull()).isTrue();
        assertThat(history.get(0).get("error").asText()).containsIgnoringCase("timed out");
    }

    @Test
    void aMailServersTransientRefusalIsRetriedAndAPermanentOneIsNot() {
        try (ScriptedSmtpServer busy = new ScriptedSmtpServer("451 4.3.0 try again later");
                ScriptedSmtpServer refusing = new ScriptedSmtpServer("554 5.7.1 message refused")) {
            ApiClient acme = scenario.newAccount();
            smtp(acme, busy.port());
            ApiClient other = scenario.newAccount();
            smtp(other, refusing.port());

            String busyEvent = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
            String refusedEvent = scenario.post(other, event("system.test.random_wisdom", "info", "wisdom"));
            JsonNode delivered = scenario.awaitDelivery(acme, busyEvent, "delivered");
            JsonNode dead = scenario.awaitDelivery(other, refusedEvent, "dead");

            assertThat(busy.replies()).containsExactly("451 4.3.0 try again later", "250 accepted");
            assertThat(elements(delivered.get("attempts_history"))).extracting(a -> a.get("status_code").asInt(),
                    a -> a.get("outcome").asText()).containsExactly(tuple(451, "retry"), tuple(250, "delivered"));
            assertThat(refusing.replies()).containsExactly("554 5.7.1 message refused");
            assertThat(dead.get("last_status_code").asInt()).isEqualTo(554);
            assertThat(dead.get("attempts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aReceiverDownForEveryAttemptIsDeadWithTheReasonAndEveryAttemptKept() {
        ApiClient acme = scenario.newAccount();
        String path = "/down-" + System.nanoTime();
        receiver.answer(path, 502);
        scenario.webhook(acme, receiver.url(path), EVERYTHING);

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        JsonNode delivery = scenario.awaitDelivery(acme, eventId, "dead");

        assertThat(receiver.requestsTo(path)).hasSize(MAX_ATTEMPTS);
        assertThat(delivery.get("last_error").asText())
                .isEqualTo("gave up after 4 attempts: HTTP 502: refused by the test receiver");
        assertThat(elements(delivery.get("attempts_history"))).extracting(a -> a.get("attempt").asInt(),
                        a -> a.get("status_code").asInt(), a -> a.get("outcome").asText())
                .containsExactly(tuple(1, 502, "retry"), tuple(2, 502, "retry"), tuple(3, 502, "retry"), tuple(4, 502, "dead"));
        ApiResponse listed = acme.get("/v2/notifications/deliveries?state=dead");
        assertThat(elements(listed.json().get("results"))).singleElement()
                .satisfies(d -> assertThat(d.has("attempts_history")).as("the list leaves the history out").isFalse());
    }

    // ---------------------------------------------------------------- replays

    @Test
    void allDeadDeliveriesOfTheAccountAreReplayedAtOnceAndOtherAccountsAreLeftAlone() {
        ApiClient acme = scenario.newAccount();
        ApiClient other = scenario.newAccount();
        String path = "/gone-" + System.nanoTime();
        receiver.answer(path, 404);
        scenario.webhook(acme, receiver.url(path), EVERYTHING);
        scenario.webhook(other, receiver.url(path), EVERYTHING);
        List<String> acmeEvents = scenario.postAll(acme, List.of(event("system.test.random_wisdom", "info", "wisdom"),
                event("user.image.analysis.completed", "info", "image_tag")));
        String otherEvent = scenario.post(other, event("system.test.random_wisdom", "info", "wisdom"));
        acmeEvents.forEach(eventId -> scenario.awaitDelivery(acme, eventId, "dead"));
        String otherDelivery = scenario.awaitDelivery(other, otherEvent, "dead").get("uuid").asText();

        receiver.answer(path, 200);
        ApiResponse replayed = acme.send("POST", "/v2/notifications/deliveries/retry?state=dead", null, null);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.json().get("replayed").asInt()).isEqualTo(2);

        acmeEvents.forEach(eventId -> assertThat(scenario.awaitDelivery(acme, eventId, "delivered").get("attempts").asInt())
                .isEqualTo(2));
        assertError(acme.send("POST", "/v2/notifications/deliveries/" + otherDelivery + "/retry", null, null), 404,
                "ResourceNotFound");
        assertThat(scenario.deliveriesOf(other, otherEvent)).singleElement()
                .satisfies(d -> assertThat(d.get("state").asText()).isEqualTo("dead"));
        assertThat(acme.send("POST", "/v2/notifications/deliveries/retry", null, null).json().get("replayed").asInt())
                .as("nothing dead is left").isZero();
    }

    /** What a JMX operation calls: the bean {@code deliveryReplay}. */
    @Test
    void operationsToolsReplayTheDeadDeliveriesOfOneAccountOrOfAll() {
        ApiClient acme = scenario.newAccount();
        ApiClient other = scenario.newAccount();
        String path = "/unavailable-" + System.nanoTime();
        receiver.answer(path, 404);
        scenario.webhook(acme, receiver.url(path), EVERYTHING);
        scenario.webhook(other, receiver.url(path), EVERYTHING);
        String acmeEvent = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        String otherEvent = scenario.post(other, event("system.test.random_wisdom", "info", "wisdom"));
        scenario.awaitDelivery(acme, acmeEvent, "dead");
        scenario.awaitDelivery(other, otherEvent, "dead");
        DeliveryReplay replay = herald.context().getRegistry().lookupByNameAndType("deliveryReplay", DeliveryReplay.class);

        receiver.answer(path, 200);
        assertThat(replay.replayDead(acme.account())).isEqualTo(1);
        scenario.awaitDelivery(acme, acmeEvent, "delivered");
        assertThat(scenario.deliveriesOf(other, otherEvent).get(0).get("state").asText()).isEqualTo("dead");

        assertThat(replay.replayDead(null)).as("every account's, this one among them").isPositive();
        scenario.awaitDelivery(other, otherEvent, "delivered");
    }

    @Test
    void onlyDeadOrSuppressedDeliveriesCanBeReplayed() {
        ApiClient acme = scenario.newAccount();
        scenario.webhook(acme, receiver.url("/fine-" + System.nanoTime()), EVERYTHING);
        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        String uuid = scenario.awaitDelivery(acme, eventId, "delivered").get("uuid").asText();

        assertError(acme.send("POST", "/v2/notifications/deliveries/" + uuid + "/retry", null, null), 409, "Conflict");
        assertError(acme.send("POST", "/v2/notifications/deliveries/no-such-delivery/retry", null, null), 404,
                "ResourceNotFound");
        assertBadRequest(acme.send("POST", "/v2/notifications/deliveries/retry?state=delivered", null, null), "state");
    }

    // ---------------------------------------------------------------- rate limits

    @Test
    void aBurstToARateLimitedConfigurationIsSpreadOutWhileAnotherConfigurationIsNotHeldUp() {
        ApiClient acme = scenario.newAccount();
        String limited = "/limited-" + System.nanoTime();
        String unlimited = "/unlimited-" + System.nanoTime();
        ApiResponse created = acme.post("/v2/notifications/endpoints/webhook/configurations",
                Map.of("url", receiver.url(limited), "rate_limit_per_second", 5));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("rate_limit_per_second").asInt()).isEqualTo(5);
        acme.post("/v2/notifications/endpoints/webhook/configurations/" + created.text("uuid") + "/selectors",
                EVERYTHING.get(0));
        String unlimitedUuid = scenario.webhook(acme, receiver.url(unlimited), EVERYTHING);

        List<String> ids = scenario.postAll(acme, IntStream.range(0, 20)
                .mapToObj(i -> event("system.test.random_wisdom", "info", "wisdom")).toList());
        scenario.awaitSettled(ids);

        assertThat(receiver.requestsTo(limited)).as("queued, not dropped").hasSize(20);
        assertThat(receiver.requestsTo(unlimited)).hasSize(20);
        List<Instant> paced = sendTimes(acme, created.text("uuid"));
        List<Instant> free = sendTimes(acme, unlimitedUuid);
        assertThat(Duration.between(paced.get(0), paced.get(19))).isGreaterThanOrEqualTo(Duration.ofMillis(3700));
        // slots are 200 ms apart and a send never starts before its slot, but may start a little after
        // it when the machine is busy: hence the margin
        for (int i = 0; i + 5 < paced.size(); i++) {
            assertThat(Duration.between(paced.get(i), paced.get(i + 5))).as("no more than 5 in a second")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
        assertThat(Duration.between(free.get(0), free.get(19))).as("the other configuration went at once")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(free.get(19)).as("…before the limited one was halfway").isBefore(paced.get(10));
    }

    @Test
    void slackConfigurationsGetOneMessageASecondUnlessTheySetTheirOwnLimit() {
        ApiClient acme = scenario.newAccount();
        String path = "/services/T000/BRATE/" + System.nanoTime();
        ApiResponse created = acme.post("/v2/notifications/endpoints/slack/configurations", Map.of("url", receiver.url(path)));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().has("rate_limit_per_second")).as("unset: the type's default applies").isFalse();
        acme.post("/v2/notifications/endpoints/slack/configurations/" + created.text("uuid") + "/selectors", EVERYTHING.get(0));

        scenario.awaitSettled(scenario.postAll(acme, IntStream.range(0, 3)
                .mapToObj(i -> event("system.test.random_wisdom", "info", "wisdom")).toList()));

        assertThat(receiver.requestsTo(path)).hasSize(3);
        List<Instant> sent = sendTimes(acme, created.text("uuid"));
        for (int i = 0; i + 1 < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i), sent.get(i + 1))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void slacksRateLimitAnswerIsHonoured() {
        ApiClient acme = scenario.newAccount();
        String path = "/services/T000/B429/" + System.nanoTime();
        receiver.answerInTurn(path, Reply.status(429).withHeader("Retry-After", "1"));
        ApiResponse created = acme.post("/v2/notifications/endpoints/slack/configurations", Map.of("url", receiver.url(path)));
        acme.post("/v2/notifications/endpoints/slack/configurations/" + created.text("uuid") + "/selectors", EVERYTHING.get(0));

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        JsonNode delivery = scenario.awaitDelivery(acme, eventId, "delivered");

        List<Request> requests = receiver.requestsTo(path);
        assertThat(requests).hasSize(2);
        assertThat(Duration.ofNanos(requests.get(1).receivedAtNanos() - requests.get(0).receivedAtNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(elements(delivery.get("attempts_history"))).extracting(a -> a.get("status_code").asInt())
                .containsExactly(429, 200);
    }

    /**
     * When the configuration's deliveries were sent, in order: the start of each one's first attempt,
     * after its wait for a slot (the receiver's clock would add the client's own latency, which varies).
     */
    private static List<Instant> sendTimes(ApiClient account, String configuration) {
        ApiResponse page = account.get("/v2/notifications/deliveries?limit=1000&configuration_uuid=" + configuration);
        return elements(page.json().get("results")).stream()
                .map(d -> account.get("/v2/notifications/deliveries/" + d.get("uuid").asText()).json())
                .map(d -> Instant.parse(d.at("/attempts_history/0/started_at").asText()))
                .sorted().toList();
    }

    private static void smtp(ApiClient account, int port) {
        ApiResponse created = account.post("/v2/notifications/endpoints/smtp/configurations", Map.of("host", "127.0.0.1",
                "port", port, "from", "herald@acme.example", "to", "ops@acme.example", "use_tls", false));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        account.post("/v2/notifications/endpoints/smtp/configurations/" + created.text("uuid") + "/selectors",
                EVERYTHING.get(0));
    }
}
