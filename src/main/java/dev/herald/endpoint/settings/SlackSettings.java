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

/** A Slack incoming webhook; its URL is the secret. */
@Schema(name = "SlackFields", description = "The fields of a slack configuration")
public record SlackSettings(
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "The Slack incoming webhook URL (http:// or https://). Secret, since its path is a token: stored "
                        + "encrypted, answered as scheme and host with the path masked, kept when an update omits it",
                extensions = @Extension(properties = @ExtensionProperty(name = "secret", value = "true", parseValue = true)))
        String url,
        @Schema(description = MessageTemplates.TITLE_DESCRIPTION) @JsonProperty("title_template") String titleTemplate,
        @Schema(description = MessageTemplates.TEXT_DESCRIPTION) @JsonProperty("text_template") String textTemplate)
        implements EndpointSettings, MessageTemplates {

    public static SlackSettings read(JsonInput input, SlackSettings stored) {
        return new SlackSettings(Secrets.readUrl(input, "url", stored == null ? null : stored.url()),
                MessageTemplates.read(input, "title_template"), MessageTemplates.read(input, "text_template"));
    }

    @Override
    public Optional<String> targetUrl() {
        return Optional.ofNullable(url);
    }

    @Override
    public SlackSettings masked() {
        return new SlackSettings(Secrets.maskUrl(url), titleTemplate, textTemplate);
    }

    @Override
    public SlackSettings withSecrets(UnaryOperator<String> transform) {
        return new SlackSettings(Secrets.map(url, transform), titleTemplate, textTemplate);
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
