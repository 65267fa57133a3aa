package dev.herald.endpoint.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.validation.JsonInput;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A webhook: the flat event JSON POSTed to {@code url}, with Basic auth when both username and
 * password are set.
 *
 * @param verifySsl Anchore's webhook-only TLS switch; null means "not set", and then the
 *                  configuration's {@code verify_tls} (default true) decides
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
        @JsonProperty("verify_ssl") Boolean verifySsl) implements EndpointSettings {

    public static WebhookSettings read(JsonInput input, WebhookSettings stored) {
        return new WebhookSettings(
                HttpUrls.required(input, "url"),
                input.optionalText("username", 255),
                Secrets.read(input, "password", 1024, stored == null ? null : stored.password(), false),
                input.optionalBoolean("verify_ssl"));
    }

    public boolean hasBasicAuth() {
        return username != null && !username.isEmpty() && password != null;
    }

    @Override
    public Optional<String> targetUrl() {
        return Optional.ofNullable(url);
    }

    @Override
    public WebhookSettings masked() {
        return new WebhookSettings(url, username, Secrets.mask(password), verifySsl);
    }

    @Override
    public WebhookSettings withSecrets(UnaryOperator<String> transform) {
        return new WebhookSettings(url, username, Secrets.map(password, transform), verifySsl);
    }

    /** The URL too: it is not a stored secret (the API shows it), but its path and query often hold a token. */
    @Override
    public List<String> sensitiveTexts() {
        return Secrets.present(password, url, hasBasicAuth() ? Secrets.basicCredentials(username, password) : null);
    }

    @Override
    public String toString() {
        return Secrets.describe(this);
    }
}
