package dev.herald.endpoint.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.validation.JsonInput;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A webhook: the flat event JSON POSTed to {@code url}, with Basic auth when both username and
 * password are set.
 *
 * @param verifySsl Anchore's webhook-only TLS switch; null means "not set", and then the
 *                  configuration's {@code verify_tls} (default true) decides
 * @param signingSecret the Standard Webhooks secret every request is signed with, or null: no signature
 * @param bodyTemplate a Mustache template of the JSON body, or null: Anchore's flat event
 * @param headers   static headers of every request, or null
 * @param previousSigningSecret the secret that {@code signingSecret} replaced, which keeps signing
 *                  beside it for {@code herald.webhook.signing-overlap} after {@code signingSecretReplacedAt};
 *                  stored (encrypted), never part of the API
 */
@Schema(name = "WebhookFields", description = "The fields of a webhook configuration")
public record WebhookSettings(
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "URL the events are POSTed to (http:// or https://), query parameters included")
        String url,
        @Schema(description = "User name for HTTP Basic authentication; sent when password is set too") String username,
        @Schema(description = "Password for HTTP Basic authentication. "
                        + Secrets.SECRET_NOTE, format = "password",
                extensions = @Extension(properties = @ExtensionProperty(name = "secret", value = "true", parseValue = true)))
        String password,
        @Schema(description = "Verify the receiver's TLS certificate; when unset, verify_tls decides")
        @JsonProperty("verify_ssl") Boolean verifySsl,
        @Schema(description = "Herald: the Standard Webhooks secret every request is signed with (webhook-id, "
                        + "webhook-timestamp and webhook-signature headers): " + SigningSecret.PREFIX
                        + " and the base64 of 24 to 64 random bytes, or \"generate\" to have Herald make one and "
                        + "answer it in plain this once. A new secret replaces the old one, which keeps signing beside "
                        + "it for herald.webhook.signing-overlap. " + Secrets.SECRET_NOTE + "; an empty string stops "
                        + "signing", format = "password",
                extensions = @Extension(properties = @ExtensionProperty(name = "secret", value = "true", parseValue = true)))
        @JsonProperty("signing_secret") String signingSecret,
        @Schema(description = "Herald: a Mustache template of the JSON body to send instead of the flat event "
                + "(for PagerDuty Events v2, Discord, Mattermost ...), at most 16384 characters. It sees the "
                + "values the message templates see ({{message}}, {{type}}, {{level}}, {{account}}, {{resource_id}}, "
                + "{{link}}, {{#policy}}…{{/policy}} ...), each escaped as the content of a JSON string, so put them "
                + "in quotes; {{{…}}} and {{&…}} are refused. Checked when saved: it must compile and render valid "
                + "JSON for every event type of the catalogue, else 400 with the line or position of the problem")
        @JsonProperty("body_template") String bodyTemplate,
        @Schema(description = "Herald: static headers sent with every request, name to value (at most 20). "
                + "Stored and shown in plain: names that look like credentials (Authorization, *token*, *key*, "
                + "*secret* ...) and the headers Herald sets are refused")
        Map<String, String> headers,
        @Schema(hidden = true) @JsonProperty("previous_signing_secret") String previousSigningSecret,
        @Schema(hidden = true) @JsonProperty("signing_secret_replaced_at") Instant signingSecretReplacedAt)
        implements EndpointSettings {

    public static final int MAX_TEMPLATE_LENGTH = 16384;

    /**
     * @param now when this request is read: the moment a new signing secret replaces the stored one
     */
    public static WebhookSettings read(JsonInput input, WebhookSettings stored, Instant now) {
        String storedSigning = stored == null ? null : stored.signingSecret();
        String signing = SigningSecret.read(input, "signing_secret", storedSigning);
        String previous = null;
        Instant replacedAt = null;
        if (Objects.equals(signing, storedSigning) && stored != null) {
            previous = stored.previousSigningSecret();
            replacedAt = stored.signingSecretReplacedAt();
        } else if (signing != null && storedSigning != null) {
            // a rotation: receivers still verifying with the old secret keep accepting for the overlap
            previous = storedSigning;
            replacedAt = now;
        }
        return new WebhookSettings(
                HttpUrls.required(input, "url"),
                input.optionalText("username", 255),
                Secrets.read(input, "password", 1024, stored == null ? null : stored.password(), false),
                input.optionalBoolean("verify_ssl"),
                signing,
                input.optionalText("body_template", MAX_TEMPLATE_LENGTH),
                WebhookHeaders.read(input, "headers"),
                previous, replacedAt);
    }

    /** Whether requests are signed: a signing secret is set. */
    public boolean signs() {
        return signingSecret != null;
    }

    public boolean hasBasicAuth() {
        return username != null && !username.isEmpty() && password != null;
    }

    @Override
    public Optional<String> targetUrl() {
        return Optional.ofNullable(url);
    }

    /** Masked; the previous signing secret and its replacement time are left out (nulls are not answered). */
    @Override
    public WebhookSettings masked() {
        return new WebhookSettings(url, username, Secrets.mask(password), verifySsl, Secrets.mask(signingSecret),
                bodyTemplate, headers, null, null);
    }

    @Override
    public WebhookSettings withSecrets(UnaryOperator<String> transform) {
        return new WebhookSettings(url, username, Secrets.map(password, transform), verifySsl,
                Secrets.map(signingSecret, transform), bodyTemplate, headers,
                Secrets.map(previousSigningSecret, transform), signingSecretReplacedAt);
    }

    /** The secret generated for this request, shown in plain in its answer only. */
    @Override
    public Map<String, String> generatedSecrets(JsonInput request) {
        return SigningSecret.generationAsked(request, "signing_secret") && signingSecret != null
                ? Map.of("signing_secret", signingSecret) : Map.of();
    }

    /** The URL too: it is not a stored secret (the API shows it), but its path and query often hold a token. */
    @Override
    public List<String> sensitiveTexts() {
        return Secrets.present(password, url, hasBasicAuth() ? Secrets.basicCredentials(username, password) : null,
                signingSecret, previousSigningSecret);
    }

    @Override
    public String toString() {
        return Secrets.describe(this);
    }
}
