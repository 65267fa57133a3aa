package dev.herald.delivery.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.herald.endpoint.settings.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signatures checked by the Standard Webhooks reference library (com.standardwebhooks), not by
 * Herald's own code: one signature, a rotation's two during the overlap and one after it, and a
 * body changed after signing.
 */
class WebhookSignaturesTest {

    private static final String OLD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String NEW_SECRET = "whsec_bmV3LXNpZ25pbmctc2VjcmV0LW9mLTMyLWJ5dGVzISE=";
    private static final Duration OVERLAP = Duration.ofHours(24);
    private static final Instant ROTATED_AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
    private static final String BODY = "{\"type\":\"user.image.analysis.completed\",\"message\":\"a \\\"quoted\\\" é\"}";

    private final WebhookSignatures signatures = new WebhookSignatures(OVERLAP);

    @Test
    void aSignatureIsTheReferenceLibrarysOwn() throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        String signature = sign(settings(OLD_SECRET, null, null), timestamp, Instant.now());

        assertThat(signature).startsWith("v1,").doesNotContain(" ");
        assertThat(signature).isEqualTo(new Webhook(OLD_SECRET).sign(ID, timestamp, BODY));
        new Webhook(OLD_SECRET).verify(BODY, headers(timestamp, signature));
    }

    @Test
    void duringTheOverlapTheNewAndTheOldSecretBothVerify() throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        String signature = sign(settings(NEW_SECRET, OLD_SECRET, ROTATED_AT), timestamp,
                ROTATED_AT.plus(OVERLAP).minusSeconds(1));

        assertThat(signature.split(" ")).hasSize(2);
        new Webhook(NEW_SECRET).verify(BODY, headers(timestamp, signature));
        new Webhook(OLD_SECRET).verify(BODY, headers(timestamp, signature));
    }

    @Test
    void afterTheOverlapOnlyTheNewSecretVerifies() throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        String signature = sign(settings(NEW_SECRET, OLD_SECRET, ROTATED_AT), timestamp, ROTATED_AT.plus(OVERLAP));

        assertThat(signature.split(" ")).hasSize(1);
        new Webhook(NEW_SECRET).verify(BODY, headers(timestamp, signature));
        assertThatThrownBy(() -> new Webhook(OLD_SECRET).verify(BODY, headers(timestamp, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aTamperedBodyFailsVerification() throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        String signature = sign(settings(OLD_SECRET, null, null), timestamp, Instant.now());

        assertThatThrownBy(() -> new Webhook(OLD_SECRET).verify(BODY.replace("completed", "failed"),
                headers(timestamp, signature))).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(OLD_SECRET).verify(BODY, headers(timestamp + 1, signature)))
                .as("the timestamp is signed too").isInstanceOf(WebhookVerificationException.class);
    }

    /** The keys are kept per configuration, and decoded again when its secrets change. */
    @Test
    void aNewSecretOfTheSameConfigurationSignsWithTheNewKey() throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        sign(settings(OLD_SECRET, null, null), timestamp, Instant.now());

        String signature = sign(settings(NEW_SECRET, null, null), timestamp, Instant.now());

        new Webhook(NEW_SECRET).verify(BODY, headers(timestamp, signature));
    }

    private String sign(WebhookSettings settings, long timestamp, Instant now) {
        return signatures.sign("configuration-1", settings, ID, timestamp, BODY.getBytes(StandardCharsets.UTF_8), now);
    }

    private static WebhookSettings settings(String secret, String previous, Instant replacedAt) {
        return new WebhookSettings("https://hooks.example.com/in", null, null, null, secret, null, null, previous,
                replacedAt);
    }

    private static Map<String, List<String>> headers(long timestamp, String signature) {
        return Map.of("webhook-id", List.of(ID), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
