package dev.herald.endpoint.settings;

import dev.herald.validation.JsonInput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The fields of a configuration that belong to its endpoint type; stored as JSON. Their
 * {@code toString} hides every {@link #sensitiveTexts() sensitive text}, so logging one is safe.
 */
public sealed interface EndpointSettings
        permits SmtpSettings, SlackSettings, TeamsSettings, GithubSettings, JiraSettings, WebhookSettings {

    /** A copy that is safe to return: every secret replaced by a mask. */
    EndpointSettings masked();

    /** The URL Herald sends to over HTTP, for the types that have one (not smtp). */
    default Optional<String> targetUrl() {
        return Optional.empty();
    }

    /**
     * A copy with each secret field that is set passed through {@code transform}: how secrets are
     * encrypted for storage and decrypted when read, whatever the type's fields are.
     */
    EndpointSettings withSecrets(UnaryOperator<String> transform);

    /**
     * The secrets Herald generated while reading {@code request} (a webhook's {@code "signing_secret":
     * "generate"}), by field name: the one answer to that request shows them in plain, no later one does.
     */
    default Map<String, String> generatedSecrets(JsonInput request) {
        return Map.of();
    }

    /**
     * Everything of these settings that must never be written to a log, an error text or a delivery
     * record: the secrets, and what requests made with them carry (the webhook URL, a Basic
     * Authorization value).
     */
    List<String> sensitiveTexts();
}
