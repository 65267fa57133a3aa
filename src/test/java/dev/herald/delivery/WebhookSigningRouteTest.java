package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.herald.support.AdjustableClock;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Reply;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard Webhooks signatures on real deliveries, checked by the spec's reference Java library
 * (com.standardwebhooks), which Herald does not use: every delivery of a scenario, a retry (the same
 * webhook-id, a new timestamp), and a rotation (both secrets verify during the overlap, only the new
 * one after it, seen a day later on a clock moved forward).
 */
class WebhookSigningRouteTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String CONFIGURATIONS = "/v2/notifications/endpoints/webhook/configurations";

    @TempDir
    static Path folder;

    static LoopbackReceiver receiver;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        receiver = new LoopbackReceiver();
        herald = HeraldInstance.start(TestDatabase.h2(folder.resolve("shared")), Map.of(
                "herald.delivery.backoff-base", "0.05", "herald.delivery.backoff-cap", "0.1"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.close();
    }

    @Test
    void everyDeliveryIsSignedAndARetryKeepsItsIdWithAFreshTimestamp() throws Exception {
        ApiClient acme = scenario.newAccount();
        String path = "/signed-" + System.nanoTime();
        // the first request fails, and is retried a second later: a later timestamp
        receiver.answerInTurn(path, Reply.status(503).withHeader("Retry-After", "1"));
        scenario.webhook(acme, Map.of("url", receiver.url(path), "signing_secret", SECRET),
                List.of(selector("account", "*", "*", "*")));

        List<String> eventIds = scenario.postAll(acme, List.of(
                event("user.image.analysis.completed", "info", "image_digest"),
                event("user.checks.tag.policy_evaluation.update", "info", "image_tag"),
                event("system.test.random_wisdom", "error", "system")));
        scenario.awaitSettled(eventIds);

        List<Request> requests = receiver.requestsTo(path);
        assertThat(requests).hasSize(4);
        for (Request request : requests) {
            new Webhook(SECRET).verify(request.body(), standardHeaders(request));
        }
        Map<String, List<Request>> byId = requests.stream().collect(groupingBy(request -> request.header("webhook-id")));
        assertThat(byId).hasSize(3);
        List<Request> retried = byId.values().stream().filter(attempts -> attempts.size() == 2).findFirst().orElseThrow();
        assertThat(Long.parseLong(retried.get(1).header("webhook-timestamp")))
                .isGreaterThan(Long.parseLong(retried.get(0).header("webhook-timestamp")));
    }

    @Test
    void aTamperedBodyFailsVerification() {
        ApiClient acme = scenario.newAccount();
        String path = "/tampered-" + System.nanoTime();
        String uuid = scenario.webhook(acme, Map.of("url", receiver.url(path), "signing_secret", SECRET), List.of());

        assertThat(acme.get(CONFIGURATIONS + "/" + uuid + "/test").text("status")).isEqualTo("success");

        Request request = receiver.requestsTo(path).get(0);
        String tampered = request.body().replace("\"level\":\"info\"", "\"level\":\"error\"");
        assertThat(tampered).isNotEqualTo(request.body());
        assertThatThrownBy(() -> new Webhook(SECRET).verify(tampered, standardHeaders(request)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aConfigurationWithoutASigningSecretSendsNoSignature() {
        ApiClient acme = scenario.newAccount();
        String path = "/unsigned-" + System.nanoTime();
        String uuid = scenario.webhook(acme, Map.of("url", receiver.url(path)), List.of());

        assertThat(acme.get(CONFIGURATIONS + "/" + uuid + "/test").text("status")).isEqualTo("success");

        Request request = receiver.requestsTo(path).get(0);
        assertThat(request.header("webhook-id")).isNotNull();
        assertThat(request.header("webhook-signature")).isNull();
        assertThat(request.header("webhook-timestamp")).isNull();
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneForTheOverlapAndNotAfter() throws Exception {
        AdjustableClock clock = new AdjustableClock();
        try (HeraldInstance rotating = HeraldInstance.start(TestDatabase.h2(folder.resolve("rotation")), Map.of(), clock)) {
            ApiClient acme = new Scenario(rotating).newAccount();
            String path = "/rotated-" + System.nanoTime();
            ApiResponse created = acme.post(CONFIGURATIONS, Map.of("url", receiver.url(path), "signing_secret", "generate"));
            String oldSecret = created.text("signing_secret");
            String configuration = CONFIGURATIONS + "/" + created.text("uuid");

            ApiResponse rotated = acme.put(configuration, Map.of("url", receiver.url(path), "signing_secret", "generate"));
            String newSecret = rotated.text("signing_secret");
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
            Request duringOverlap = test(acme, configuration, path);

            assertThat(duringOverlap.header("webhook-signature").split(" ")).hasSize(2);
            new Webhook(newSecret).verify(duringOverlap.body(), standardHeaders(duringOverlap));
            new Webhook(oldSecret).verify(duringOverlap.body(), standardHeaders(duringOverlap));

            clock.advance(Duration.ofHours(24).plusSeconds(1));
            Request afterOverlap = test(acme, configuration, path);

            // a day ahead of the verifier's own clock, whose tolerance is five minutes: compare with its signing
            String id = afterOverlap.header("webhook-id");
            long timestamp = Long.parseLong(afterOverlap.header("webhook-timestamp"));
            assertThat(timestamp).isGreaterThan(Long.parseLong(duringOverlap.header("webhook-timestamp")) + 86_000);
            assertThat(afterOverlap.header("webhook-signature"))
                    .isEqualTo(new Webhook(newSecret).sign(id, timestamp, afterOverlap.body()))
                    .doesNotContain(new Webhook(oldSecret).sign(id, timestamp, afterOverlap.body()).substring(3));
        }
    }

    /** Sends the configuration's test event; returns the request the receiver got. */
    private static Request test(ApiClient api, String configuration, String path) {
        int before = receiver.requestsTo(path).size();
        ApiResponse tested = api.get(configuration + "/test");
        assertThat(tested.text("status")).as(tested.toString()).isEqualTo("success");
        List<Request> requests = receiver.requestsTo(path);
        assertThat(requests).hasSize(before + 1);
        return requests.get(before);
    }

    private static Map<String, List<String>> standardHeaders(Request request) {
        return Map.of("webhook-id", List.of(request.header("webhook-id")),
                "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                "webhook-signature", List.of(request.header("webhook-signature")));
    }
}
