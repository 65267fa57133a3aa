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
import java.util.regex.Pattern;

/**
 * Issues in a Jira project (Cloud: user and API token as password; Data Center: user and password).
 */
@Schema(name = "JiraFields", description = "The fields of a jira configuration")
public record JiraSettings(
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "Jira URL with host and port (http:// or https://)") String url,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "Jira user name (on Jira Cloud, the account's email)") String username,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "Password, or API token on Jira Cloud; required when creating. "
                        + Secrets.SECRET_NOTE,
                format = "password",
                extensions = @Extension(properties = @ExtensionProperty(name = "secret", value = "true", parseValue = true)))
        String password,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "Key of the project the issues are created in, such as SEC")
        @JsonProperty("project_key") String projectKey,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "Issue type, such as Bug or Task") @JsonProperty("issue_type") String issueType,
        @Schema(description = "Priority of the issues, such as High") String priority,
        @Schema(description = "Jira user the issues are assigned to") String assignee,
        @Schema(description = "Labels of the issues, at most 20") List<String> labels,
        @Schema(description = MessageTemplates.TITLE_DESCRIPTION) @JsonProperty("title_template") String titleTemplate,
        @Schema(description = MessageTemplates.TEXT_DESCRIPTION) @JsonProperty("text_template") String textTemplate)
        implements EndpointSettings, MessageTemplates {

    private static final Pattern PROJECT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,49}");

    public static JiraSettings read(JsonInput input, JiraSettings stored) {
        return new JiraSettings(
                HttpUrls.required(input, "url"),
                input.requiredText("username", 255),
                Secrets.read(input, "password", 1024, stored == null ? null : stored.password(), true),
                input.requiredMatching("project_key", 50, PROJECT_KEY, "must be a Jira project key such as SEC"),
                input.requiredText("issue_type", 100),
                input.optionalText("priority", 100),
                input.optionalText("assignee", 255),
                input.optionalTextList("labels", 20, 100),
                MessageTemplates.read(input, "title_template"), MessageTemplates.read(input, "text_template"));
    }

    @Override
    public Optional<String> targetUrl() {
        return Optional.ofNullable(url);
    }

    @Override
    public JiraSettings masked() {
        return new JiraSettings(url, username, Secrets.mask(password), projectKey, issueType, priority, assignee, labels, titleTemplate, textTemplate);
    }

    @Override
    public JiraSettings withSecrets(UnaryOperator<String> transform) {
        return new JiraSettings(url, username, Secrets.map(password, transform), projectKey, issueType, priority,
                assignee, labels, titleTemplate, textTemplate);
    }

    @Override
    public List<String> sensitiveTexts() {
        return Secrets.present(password, Secrets.basicCredentials(username, password));
    }

    @Override
    public String toString() {
        return Secrets.describe(this);
    }
}
