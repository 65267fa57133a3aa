package dev.herald.delivery;

import static dev.herald.support.Json.elements;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Reply;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.Scenario;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline (relay-events, dispatch-deliveries, deliver-webhook) on the real Main and
 * YAML, against a loopback receiver, retries and replays included. Subclasses choose the database.
 */
abstract class PipelineScenarios {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HeraldInstance herald;
    static LoopbackReceiver receiver;
    static Scenario scenario;

    /** Few attempts a few tens of milliseconds apart, so retried deliveries settle within a test. */
    static final int MAX_ATTEMPTS = 3;

    static void startOn(dev.herald.support.TestDatabase database) {
        receiver = new LoopbackReceiver();
        herald = HeraldInstance.start(database, Map.of("herald.delivery.max-attempts", Integer.toString(MAX_ATTEMPTS),
                "herald.delivery.backoff-base", "0.05", "herald.delivery.backoff-cap", "0.2"));
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
    void anEventReachesExactlyTheMatchingConfigurationsOnce() {
        ApiClient acme = scenario.newAccount();
        ApiClient other = scenario.newAccount();
        String path = "/match-" + System.nanoTime();
        String userChecks = scenario.webhook(acme, receiver.url(path + "/user-checks"),
                List.of(selector("account", "*", "user.checks.*", "*")));
        String exactType = scenario.webhook(acme, receiver.url(path + "/exact"),
                List.of(selector("account", "info", "user.checks.tag.policy_evaluation.update", "image_tag")));
        scenario.webhook(acme, receiver.url(path + "/image"), List.of(selector("account", "*", "user.image.*", "*")));
        scenario.webhook(acme, receiver.url(path + "/errors"), List.of(selector("account", "error", "*", "*")));
        scenario.webhook(acme, receiver.url(path + "/digest"), List.of(selector("account", "*", "*", "image_digest")));
        scenario.webhook(other, receiver.url(path + "/other-account"), List.of(selector("account", "*", "*", "*")));

        String eventId = scenario.post(acme, event("user.checks.tag.policy_evaluation.update", "info", "image_tag"));
        scenario.awaitSettled(eventId);

        assertThat(receiver.requestsTo(path + "/user-checks")).hasSize(1);
        assertThat(receiver.requestsTo(path + "/exact")).hasSize(1);
        assertThat(receiver.requestsTo(path + "/image")).isEmpty();
        assertThat(receiver.requestsTo(path + "/errors")).isEmpty();
        assertThat(receiver.requestsTo(path + "/digest")).isEmpty();
        assertThat(receiver.requestsTo(path + "/other-account")).isEmpty();
        List<JsonNode> deliveries = scenario.deliveriesOf(acme, eventId);
        assertThat(deliveries).extracting(d -> d.get("configuration_uuid").asText())
                .containsExactlyInAnyOrder(userChecks, exactType);
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.get("state").asText()).isEqualTo("delivered");
            assertThat(d.get("attempts").asInt()).isEqualTo(1);
            assertThat(d.get("last_status_code").asInt()).isEqualTo(200);
        });
    }

    @Test
    void twoSelectorsOfOneConfigurationMatchingOneEventGiveOneDelivery() {
        ApiClient acme = scenario.newAccount();
        String path = "/twice-" + System.nanoTime();
        String configuration = scenario.webhook(acme, receiver.url(path), List.of(
                selector("account", "*", "user.*", "*"),
                selector("account", "info", "user.checks.*", "image_tag")));

        String eventId = scenario.post(acme, event("user.checks.tag.vulnerabilities.update", "info", "image_tag"));
        scenario.awaitSettled(eventId);

        assertThat(receiver.requestsTo(path)).hasSize(1);
        assertThat(scenario.deliveriesOf(acme, eventId)).singleElement()
                .satisfies(d -> assertThat(d.get("configuration_uuid").asText()).isEqualTo(configuration));
    }

    @Test
    void aDisabledEndpointTypeSendsNothingAndRecordsSuppressed() {
        ApiClient acme = scenario.newAccount();
        String path = "/disabled-" + System.nanoTime();
        scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "*", "*")));
        ApiClient admin = herald.api();
        assertThat(admin.put("/v2/notifications/endpoints/webhook", Map.of("enabled", false)).status()).isEqualTo(200);
        try {
            String eventId = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
            scenario.awaitSettled(eventId);

            assertThat(receiver.requestsTo(path)).isEmpty();
            assertThat(scenario.deliveriesOf(acme, eventId)).singleElement().satisfies(d -> {
                assertThat(d.get("state").asText()).isEqualTo("suppressed");
                assertThat(d.get("last_error").asText()).isEqualTo("the webhook endpoint is disabled");
            });
        } finally {
            assertThat(admin.put("/v2/notifications/endpoints/webhook", Map.of("enabled", true)).status()).isEqualTo(200);
        }
        String afterEnabling = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
        scenario.awaitSettled(afterEnabling);
        assertThat(receiver.requestsTo(path)).hasSize(1);
    }

    @Test
    void aReceiverAnswering503Then503Then200GetsTheDeliveryOnceAfterTwoRetries() {
        ApiClient acme = scenario.newAccount();
        String path = "/recovering-" + System.nanoTime();
        receiver.answerInTurn(path, Reply.status(503), Reply.status(503));
        scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "*", "*")));

        String eventId = scenario.post(acme, event("user.image.analysis.failed", "error", "image_tag"));
        JsonNode delivery = scenario.awaitDelivery(acme, eventId, "delivered");

        assertThat(receiver.requestsTo(path)).hasSize(3)
                .allSatisfy(request -> assertThat(request.header("webhook-id")).isEqualTo(delivery.get("uuid").asText()));
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("last_status_code").asInt()).isEqualTo(200);
        assertThat(delivery.get("last_error").isNull()).isTrue();
        assertThat(elements(delivery.get("attempts_history"))).extracting(a -> a.get("attempt").asInt(),
                        a -> a.get("status_code").asInt(), a -> a.get("outcome").asText())
                .containsExactly(tuple(1, 503, "retry"), tuple(2, 503, "retry"), tuple(3, 200, "delivered"));
    }

    @Test
    void aReceiverAnswering500IsRetriedUntilMaxAttemptsThenDeadWithEveryAttemptKept() {
        ApiClient acme = scenario.newAccount();
        String path = "/broken-" + System.nanoTime();
        receiver.answer(path, 500);
        String configuration = scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "*", "*")));

        String eventId = scenario.post(acme, event("user.image.analysis.failed", "error", "image_tag"));
        JsonNode delivery = scenario.awaitDelivery(acme, eventId, "dead");

        assertThat(receiver.requestsTo(path)).hasSize(MAX_ATTEMPTS);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(delivery.get("last_status_code").asInt()).isEqualTo(500);
        assertThat(delivery.get("last_error").asText())
                .isEqualTo("gave up after 3 attempts: HTTP 500: refused by the test receiver");
        assertThat(elements(delivery.get("attempts_history"))).extracting(a -> a.get("outcome").asText())
                .containsExactly("retry", "retry", "dead");
        assertThat(elements(delivery.get("attempts_history"))).allSatisfy(attempt -> {
            assertThat(attempt.get("status_code").asInt()).isEqualTo(500);
            assertThat(attempt.get("error").asText()).isEqualTo("HTTP 500: refused by the test receiver");
            assertThat(Instant.parse(attempt.get("finished_at").asText()))
                    .isAfterOrEqualTo(Instant.parse(attempt.get("started_at").asText()));
        });
        assertThat(acme.get("/v2/notifications/endpoints/webhook/configurations/" + configuration + "/status").json()
                .get("status").asText()).isEqualTo("unhealthy");
    }

    @Test
    void anUnreachableReceiverIsRetriedThenDeadWithTheReason() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ApiClient acme = scenario.newAccount();
        scenario.webhook(acme, "http://127.0.0.1:" + closedPort + "/nobody", List.of(selector("account", "*", "*", "*")));

        String eventId = scenario.post(acme, event("system.feeds.sync.failed", "error", "feeds"));
        JsonNode delivery = scenario.awaitDelivery(acme, eventId, "dead");

        assertThat(delivery.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(delivery.get("last_status_code").isNull()).isTrue();
        assertThat(delivery.get("last_error").asText()).startsWith("gave up after 3 attempts: ").contains("Connect");
    }

    @Test
    void aDeadDeliveryReplayedIsDeliveredOnceTheReceiverIsBack() {
        ApiClient acme = scenario.newAccount();
        String path = "/replayed-" + System.nanoTime();
        receiver.answer(path, 404);
        scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "*", "*")));
        String eventId = scenario.post(acme, event("system.feeds.sync.failed", "error", "feeds"));
        String uuid = scenario.awaitDelivery(acme, eventId, "dead").get("uuid").asText();

        receiver.answer(path, 200);
        ApiResponse replayed = acme.send("POST", "/v2/notifications/deliveries/" + uuid + "/retry", null, null);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
        assertThat(replayed.json().get("uuid").asText()).isEqualTo(uuid);
        JsonNode delivery = scenario.awaitDelivery(acme, eventId, "delivered");

        assertThat(receiver.requestsTo(path)).hasSize(2)
                .allSatisfy(request -> assertThat(request.header("webhook-id")).isEqualTo(uuid));
        assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.get("replayed_at").isNull()).isFalse();
        assertThat(elements(delivery.get("attempts_history"))).extracting(a -> a.get("status_code").asInt(),
                a -> a.get("outcome").asText()).containsExactly(tuple(404, "dead"), tuple(200, "delivered"));
    }

    @Test
    void theWebhookGetsAnchoresFlatEventWithIdsAndBasicAuth() throws Exception {
        ApiClient acme = scenario.newAccount();
        String path = "/anchore-body-" + System.nanoTime();
        scenario.webhook(acme, Map.of("url", receiver.url(path) + "?token=abc", "username", "hook-user",
                "password", "hook-pass"), List.of(selector("account", "*", "*", "*")));

        Map<String, Object> event = event("user.checks.tag.policy_evaluation.update", "info", "image_tag");
        event.put("timestamp", "2026-11-21T09:08:54.749Z");
        String eventId = scenario.post(acme, event);
        scenario.awaitSettled(eventId);

        Request request = receiver.requestsTo(path).get(0);
        JsonNode delivery = scenario.deliveriesOf(acme, eventId).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.query()).isEqualTo("token=abc");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("hook-user:hook-pass".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("webhook-id")).isEqualTo(delivery.get("uuid").asText());
        assertThat(request.header("X-Herald-Event-Id")).isEqualTo(eventId);
        assertThat(request.header("x-anchore-account")).as("no exchange header leaks").isNull();

        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("id").asText()).isEqualTo(eventId);
        assertThat(body.get("type").asText()).isEqualTo("user.checks.tag.policy_evaluation.update");
        assertThat(body.get("level").asText()).isEqualTo("info");
        assertThat(body.get("message").asText()).isEqualTo("test event user.checks.tag.policy_evaluation.update");
        assertThat(body.get("details")).isEqualTo(JSON.readTree("{\"curr_eval\":{\"status\":\"fail\"},\"last_eval\":{\"status\":\"pass\"}}"));
        assertThat(body.get("timestamp").asText()).isEqualTo("2026-11-21T09:08:54.749Z");
        assertThat(body.get("resource").get("account_name").asText()).isEqualTo(acme.account());
        assertThat(body.get("resource").get("type").asText()).isEqualTo("image_tag");
        assertThat(body.get("resource").get("id").asText()).isEqualTo("docker.io/acme/api:1.4");
        assertThat(body.get("source").get("service_name").asText()).isEqualTo("scanner");
        assertThat(body.get("source").get("host_id").asText()).isEqualTo("ci-7");
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("id", "type", "level", "message", "details",
                "timestamp", "resource", "source");
    }

    @Test
    void withoutCredentialsTheWebhookGetsNoAuthorizationHeader() {
        ApiClient acme = scenario.newAccount();
        String path = "/no-auth-" + System.nanoTime();
        scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "*", "*")));

        scenario.awaitSettled(scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom")));

        assertThat(receiver.requestsTo(path)).singleElement()
                .satisfies(request -> assertThat(request.header("Authorization")).isNull());
    }

    @Test
    void eventsInsertedDirectlyIntoTheTableByAnotherProgramAreRelayed() {
        ApiClient acme = scenario.newAccount();
        String account = acme.account();
        String path = "/direct-" + System.nanoTime();
        scenario.webhook(acme, receiver.url(path), List.of(selector("account", "error", "system.*", "*")));

        String eventId = "direct" + System.nanoTime();
        scenario.sql().useHandle(handle -> handle.execute("INSERT INTO events (event_id, account_name, event_type, "
                + "event_level, message, resource_type) VALUES (?, ?, 'system.feeds.sync.failed', 'error', "
                + "'Feeds sync task failed', 'feeds')", eventId, account));
        scenario.awaitSettled(eventId);

        assertThat(receiver.requestsTo(path)).singleElement().satisfies(request -> {
            assertThat(request.header("X-Herald-Event-Id")).isEqualTo(eventId);
            assertThat(request.body()).contains("\"type\":\"system.feeds.sync.failed\"", "\"details\":{}");
        });
    }

    @Test
    void aBurstLargerThanABatchIsDeliveredCompletelyAndOnce() {
        ApiClient acme = scenario.newAccount();
        String path = "/burst-" + System.nanoTime();
        scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "user.*", "*")));

        List<String> ids = new ArrayList<>();
        for (int chunk = 0; chunk < 2; chunk++) {
            ids.addAll(scenario.postAll(acme, IntStream.range(0, 700)
                    .mapToObj(i -> event("user.image.analysis.completed", "info", "image_tag")).toList()));
        }
        scenario.awaitSettled(ids);

        List<Request> received = receiver.requestsTo(path);
        Set<String> distinct = received.stream().map(r -> r.header("X-Herald-Event-Id")).collect(Collectors.toSet());
        assertThat(received).hasSize(1400);
        assertThat(distinct).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aGlobalSelectorOfTheAdminAccountSeesEveryAccount() {
        ApiClient admin = herald.api();
        String path = "/global-" + System.nanoTime();
        String configuration = scenario.webhook(admin, receiver.url(path), List.of(selector("global", "*", "user.image.analysis.*", "*")));
        try {
            ApiClient acme = scenario.newAccount();
            String eventId = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
            scenario.awaitSettled(eventId);

            assertThat(receiver.requestsTo(path)).singleElement()
                    .satisfies(request -> assertThat(request.header("X-Herald-Event-Id")).isEqualTo(eventId));
            assertThat(scenario.deliveriesOf(acme, eventId)).as("the delivery belongs to the admin account").isEmpty();
            assertThat(scenario.deliveriesOf(admin, eventId)).hasSize(1);
        } finally {
            admin.delete("/v2/notifications/endpoints/webhook/configurations/" + configuration);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
