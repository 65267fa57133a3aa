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
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deliver-webhook: Anchore's flat event for every catalogue type, and TLS verification and its
 * opt-outs against a receiver on https with a self-signed certificate.
 */
class DeliverWebhookRouteTest {

    @TempDir
    static Path folder;

    static LoopbackReceiver receiver;
    static LoopbackReceiver plainReceiver;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        receiver = LoopbackReceiver.httpsWithSelfSignedCertificate(folder);
        plainReceiver = new LoopbackReceiver();
        herald = HeraldInstance.start(TestDatabase.h2(folder));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.close();
        plainReceiver.close();
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
            assertThat(d.get("state").asText()).isEqualTo("failed");
            assertThat(d.get("last_status_code").isNull()).isTrue();
            assertThat(d.get("last_error").asText()).containsAnyOf("SSL", "certification path", "PKIX");
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
        assertThat(scenario.deliveriesOf(acme, eventId).get(0).get("state").asText()).isEqualTo("failed");
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
