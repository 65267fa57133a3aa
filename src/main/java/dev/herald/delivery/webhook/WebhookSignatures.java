package dev.herald.delivery.webhook;

import dev.herald.endpoint.settings.SigningSecret;
import dev.herald.endpoint.settings.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (spec 1.0.0): {@code v1,} and the base64 HMAC-SHA256 of
 * {@code {webhook-id}.{webhook-timestamp}.{body}}, over the exact bytes sent. For {@code overlap}
 * after a rotation the replaced secret signs too, its signature after the new one's, space-separated,
 * so receivers that still hold the old secret keep accepting.
 *
 * <p>Decoding a key is done once per configuration version (the keys are kept by configuration
 * until its secrets change); each signature costs one Mac.
 */
public final class WebhookSignatures {

    private static final String HMAC = "HmacSHA256";

    private final Duration overlap;
    private final Map<String, Keys> keysByConfiguration = new ConcurrentHashMap<>();

    public WebhookSignatures(Duration overlap) {
        this.overlap = overlap;
    }

    /** The {@code webhook-signature} header's value; the settings must {@linkplain WebhookSettings#signs() sign}. */
    public String sign(String configuration, WebhookSettings settings, String id, long timestamp, byte[] body,
            Instant now) {
        Keys keys = keysFor(configuration, settings);
        Mac mac = hmac();
        String signature = signature(mac, keys.current(), id, timestamp, body);
        if (keys.previous() != null && now.isBefore(settings.signingSecretReplacedAt().plus(overlap))) {
            return signature + " " + signature(mac, keys.previous(), id, timestamp, body);
        }
        return signature;
    }

    /** A configuration is deleted rarely; its keys stay until the configuration's uuid is forgotten at restart. */
    private Keys keysFor(String configuration, WebhookSettings settings) {
        Keys keys = keysByConfiguration.get(configuration);
        if (keys == null || !keys.decodedFrom(settings)) {
            keys = Keys.of(settings);
            keysByConfiguration.put(configuration, keys);
        }
        return keys;
    }

    private static Mac hmac() {
        try {
            return Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String signature(Mac mac, Key key, String id, long timestamp, byte[] body) {
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HmacSHA256 key of 24 to 64 bytes is always valid", e);
        }
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /** The decoded keys of one version of a configuration's secrets, and the secrets they came from. */
    private record Keys(String secret, String previousSecret, Key current, Key previous) {

        static Keys of(WebhookSettings settings) {
            return new Keys(settings.signingSecret(), settings.previousSigningSecret(), key(settings.signingSecret()),
                    settings.previousSigningSecret() == null ? null : key(settings.previousSigningSecret()));
        }

        boolean decodedFrom(WebhookSettings settings) {
            return secret.equals(settings.signingSecret())
                    && Objects.equals(previousSecret, settings.previousSigningSecret());
        }

        private static Key key(String secret) {
            return new SecretKeySpec(SigningSecret.key(secret), HMAC);
        }

        /** Never the secrets: a record's toString would show them. */
        @Override
        public String toString() {
            return "Keys[****]";
        }
    }
}
