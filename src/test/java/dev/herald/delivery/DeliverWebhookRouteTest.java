package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.Golden;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Json;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.SampleEvents;
import dev.herald.support.SampleEvents.CatalogueType;
import dev.herald.support.Scenario;
import dev.herald.support.SilentServer;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Endpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deliver-webhook: Anchore's flat event for every catalogue type, TLS verification and its
 * opt-outs against a receiver on https with a self-signed certificate, and a configuration's own
 * timeout against receivers that hang. One attempt per delivery: retries are
 * {@link DispatchDeliveriesRouteTest}'s.
 */
class DeliverWebhookRouteTest {

    @TempDir
    static Path folder;

    static LoopbackReceiver receiver;
    static LoopbackReceiver plainReceiver;
    static SilentServer silent;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        receiver = LoopbackReceiver.httpsWithSelfSignedCertificate(folder);
        plainReceiver = new LoopbackReceiver();
        silent = new SilentServer();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.delivery.max-attempts", "1"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.close();
        plainReceiver.close();
        silent.close();
    }

    static Stream<CatalogueType> catalogue() {
        return SampleEvents.catalogue().stream();
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void everyEventTypeArrivesAsAnchoresFlatEvent(CatalogueType type) {
        ApiClient acme = scenario.newAccount();
        String path = "/golden-" + System.nanoTime();
        scenario.webhook(acme, plainReceiver.url(path), List.of(selector("account", "*", "*", "*")));

        String eventId = scenario.post(acme, SampleEvents.of(type));
        scenario.awaitSettled(eventId);

        assertThat(plainReceiver.requestsTo(path)).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.header("Authorization")).isNull();
            Golden.assertJson("webhook/" + type.type() + ".json", request.body(),
                    Map.of(eventId, "event_id", acme.account(), "account"));
        });
    }

    @Test
    void theTestRoutesAnswerSuccessOn200AndFailureWithTheStatusOn401() {
        ApiClient acme = scenario.newAccount();
        String good = "/test-ok-" + System.nanoTime();
        String refused = "/test-401-" + System.nanoTime();
        plainReceiver.answer(refused, 401);

        ApiResponse unsaved = acme.post("/v2/notifications/endpoints/webhook/test", Map.of("url", plainReceiver.url(good)));
        assertThat(unsaved.status()).as(unsaved.toString()).isEqualTo(200);
        assertThat(unsaved.json()).isEqualTo(Json.tree(Map.of("status", "success", "response", "accepted with status 200")));
        assertThat(plainReceiver.requestsTo(good)).singleElement()
                .satisfies(request -> assertThat(request.body()).contains("\"type\":\"system.test.random_wisdom\""));

        String uuid = scenario.webhook(acme, plainReceiver.url(refused), List.of());
        assertThat(acme.get("/v2/notifications/endpoints/webhook/configurations/" + uuid + "/status").text("status"))
                .isEqualTo("unknown");
        ApiResponse saved = acme.get("/v2/notifications/endpoints/webhook/configurations/" + uuid + "/test");
        assertThat(saved.text("status")).isEqualTo("failure");
        assertThat(saved.text("response")).isEqualTo("HTTP 401: refused by the test receiver");
        assertThat(acme.get("/v2/notifications/endpoints/webhook/configurations/" + uuid + "/status").text("status"))
                .isEqualTo("unhealthy");
    }

    @Test
    void aCertificateThatIsNotTrustedFailsTheDeliveryByDefault() {
        ApiClient acme = scenario.newAccount();
        String path = "/verified-" + System.nanoTime();
        scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "*", "*")));

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        scenario.awaitSettled(eventId);

        assertThat(receiver.requestsTo(path)).isEmpty();
        assertThat(scenario.deliveriesOf(acme, eventId)).singleElement().satisfies(d -> {
            assertThat(d.get("state").asText()).isEqualTo("dead");
            assertThat(d.get("last_status_code").isNull()).isTrue();
            assertThat(d.get("last_error").asText()).as("not worth retrying").doesNotStartWith("gave up")
                    .containsAnyOf("SSL", "certification path", "PKIX");
        });
    }

    @Test
    void verifySslFalseDeliversToThatCertificate() {
        assertDeliveredWith(Map.of("verify_ssl", false));
    }

    @Test
    void verifyTlsFalseDeliversToThatCertificate() {
        assertDeliveredWith(Map.of("verify_tls", false));
    }

    @Test
    void verifySslTrueStillVerifies() {
        ApiClient acme = scenario.newAccount();
        String path = "/still-verified-" + System.nanoTime();
        scenario.webhook(acme, Map.of("url", receiver.url(path), "verify_ssl", true), List.of(selector("account", "*", "*", "*")));

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        scenario.awaitSettled(eventId);

        assertThat(receiver.requestsTo(path)).isEmpty();
        assertThat(scenario.deliveriesOf(acme, eventId).get(0).get("state").asText()).isEqualTo("dead");
    }

    @Test
    void aReceiverThatAnswersLaterThanTheConfigurationsTimeoutFailsTheDelivery() {
        ApiClient acme = scenario.newAccount();
        String path = "/hanging-" + System.nanoTime();
        // past timeout_seconds, yet well within the 30 s default: only the configuration's own timeout fails it
        plainReceiver.answerAfter(path, Duration.ofSeconds(10));
        scenario.webhook(acme, Map.of("url", plainReceiver.url(path), "timeout_seconds", 1),
                List.of(selector("account", "*", "*", "*")));
        long start = System.nanoTime();

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        scenario.awaitSettled(eventId);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(plainReceiver.requestsTo(path)).as("the request was sent, the answer was late").hasSize(1);
        assertThat(scenario.deliveriesOf(acme, eventId)).singleElement().satisfies(d -> {
            assertThat(d.get("state").asText()).isEqualTo("dead");
            assertThat(d.get("last_status_code").isNull()).isTrue();
            assertThat(d.get("last_error").asText()).as("retryable, but no attempt is left")
                    .startsWith("gave up after 1 attempt: ").containsIgnoringCase("timed out");
        });
    }

    @Test
    void aTlsHandshakeThatNeverEndsIsBoundByTheConfigurationsTimeout() {
        ApiClient acme = scenario.newAccount();
        scenario.webhook(acme, Map.of("url", "https://127.0.0.1:" + silent.port() + "/never", "timeout_seconds", 1),
                List.of(selector("account", "*", "*", "*")));
        long start = System.nanoTime();

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        scenario.awaitSettled(eventId);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(silent.connections()).isPositive();
        assertThat(scenario.deliveriesOf(acme, eventId)).singleElement().satisfies(d -> {
            assertThat(d.get("state").asText()).isEqualTo("dead");
            assertThat(d.get("last_error").asText()).startsWith("gave up after 1 attempt: ").containsIgnoringCase("timed out");
        });
    }

    /**
     * Every camel-vertx-http endpoint sends on Herald's shared web client; stopping one (JMX can, and
     * Camel does at shutdown) must not close the client under the others.
     */
    @Test
    void stoppingOneHttpEndpointLeavesTheSharedConnectionPoolToTheOthers() throws Exception {
        try (LoopbackReceiver own = new LoopbackReceiver()) {
            ApiClient acme = scenario.newAccount();
            String first = "/first-" + System.nanoTime();
            String second = "/second-" + System.nanoTime();
            String origin = own.url("").replace("http://", "");
            String other = scenario.webhook(acme, Map.of("url", own.url(second), "timeout_seconds", 6), List.of());
            ApiResponse tested = acme.post("/v2/notifications/endpoints/webhook/test", Map.of("url", own.url(first),
                    "timeout_seconds", 5));
            assertThat(tested.text("status")).isEqualTo("success");

            Endpoint firstEndpoint = herald.context().getEndpoints().stream()
                    .filter(endpoint -> endpoint.getEndpointUri().contains(origin)
                            && endpoint.getEndpointUri().contains("&timeout=5000"))
                    .findFirst().orElseThrow();
            ServiceHelper.stopService(firstEndpoint);

            ApiResponse afterStop = acme.get("/v2/notifications/endpoints/webhook/configurations/" + other + "/test");
            assertThat(afterStop.text("status")).as(afterStop.toString()).isEqualTo("success");
            assertThat(own.requestsTo(second)).hasSize(1);
        }
    }

    private static void assertDeliveredWith(Map<String, Object> optOut) {
        ApiClient acme = scenario.newAccount();
        String path = "/opted-out-" + System.nanoTime();
        Map<String, Object> configuration = new LinkedHashMap<>(optOut);
        configuration.put("url", receiver.url(path));
        scenario.webhook(acme, configuration, List.of(selector("account", "*", "*", "*")));

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        scenario.awaitSettled(eventId);

        assertThat(receiver.requestsTo(path)).singleElement()
                .satisfies(request -> assertThat(request.header("X-Herald-Event-Id")).isEqualTo(eventId));
        assertThat(scenario.deliveriesOf(acme, eventId).get(0).get("state").asText()).isEqualTo("delivered");
    }
}
