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

/** A Microsoft Teams Workflows (or legacy Office 365 connector) webhook; its URL is the secret. */
@Schema(name = "TeamsFields", description = "The fields of a teams (Microsoft Teams) configuration")
public record TeamsSettings(
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "The Teams Workflows (or legacy connector) webhook URL (http:// or https://). Secret, since its path is a token: stored "
                        + "encrypted, answered as scheme and host with the path masked, kept when an update omits it",
                extensions = @Extension(properties = @ExtensionProperty(name = "secret", value = "true", parseValue = true)))
        String url,
        @Schema(description = MessageTemplates.TITLE_DESCRIPTION) @JsonProperty("title_template") String titleTemplate,
        @Schema(description = MessageTemplates.TEXT_DESCRIPTION) @JsonProperty("text_template") String textTemplate)
        implements EndpointSettings, MessageTemplates {

    public static TeamsSettings read(JsonInput input, TeamsSettings stored) {
        return new TeamsSettings(Secrets.readUrl(input, "url", stored == null ? null : stored.url()),
                MessageTemplates.read(input, "title_template"), MessageTemplates.read(input, "text_template"));
    }

    @Override
    public Optional<String> targetUrl() {
        return Optional.ofNullable(url);
    }

    @Override
    public TeamsSettings masked() {
        return new TeamsSettings(Secrets.maskUrl(url), titleTemplate, textTemplate);
    }

    @Override
    public TeamsSettings withSecrets(UnaryOperator<String> transform) {
        return new TeamsSettings(Secrets.map(url, transform), titleTemplate, textTemplate);
    }

    @Override
    public List<String> sensitiveTexts() {
        return Secrets.present(url);
    }

    @Override
    public String toString() {
        return Secrets.describe(this);
    }
}
