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
 * Issues in a GitHub (or GitHub Enterprise) repository.
 *
 * @param url       the REST API base, https://api.github.com unless set
 * @param milestone number of the milestone to put issues in, if any
 */
@Schema(name = "GithubFields", description = "The fields of a github configuration")
public record GithubSettings(
        @Schema(description = "GitHub API URL; https://api.github.com unless set (GitHub Enterprise: https://host/api/v3)")
        String url,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "GitHub user name the issues are opened as") String username,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "Personal access token of that user; required when creating. "
                        + Secrets.SECRET_NOTE,
                format = "password",
                extensions = @Extension(properties = @ExtensionProperty(name = "secret", value = "true", parseValue = true)))
        @JsonProperty("access_token") String accessToken,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "Owner (user or organisation) of the repository") String owner,
        @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "Repository the issues are opened in") String repository,
        @Schema(description = "Number of the milestone to put the issues in") Integer milestone,
        @Schema(description = "Labels of the issues, at most 20") List<String> labels,
        @Schema(description = "Logins the issues are assigned to, at most 10") List<String> assignees,
        @Schema(description = MessageTemplates.TITLE_DESCRIPTION) @JsonProperty("title_template") String titleTemplate,
        @Schema(description = MessageTemplates.TEXT_DESCRIPTION) @JsonProperty("text_template") String textTemplate)
        implements EndpointSettings, MessageTemplates {

    public static final String DEFAULT_URL = "https://api.github.com";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    public static GithubSettings read(JsonInput input, GithubSettings stored) {
        return new GithubSettings(
                HttpUrls.optional(input, "url", DEFAULT_URL),
                input.requiredText("username", 255),
                Secrets.read(input, "access_token", 1024, stored == null ? null : stored.accessToken(), true),
                input.requiredMatching("owner", 100, NAME, "must be a GitHub user or organisation name"),
                input.requiredMatching("repository", 100, NAME, "must be a GitHub repository name"),
                input.optionalInt("milestone", 1, Integer.MAX_VALUE),
                input.optionalTextList("labels", 20, 100),
                input.optionalTextList("assignees", 10, 100),
                MessageTemplates.read(input, "title_template"), MessageTemplates.read(input, "text_template"));
    }

    @Override
    public Optional<String> targetUrl() {
        return Optional.ofNullable(url);
    }

    @Override
    public GithubSettings masked() {
        return new GithubSettings(url, username, Secrets.mask(accessToken), owner, repository, milestone, labels, assignees, titleTemplate, textTemplate);
    }

    @Override
    public GithubSettings withSecrets(UnaryOperator<String> transform) {
        return new GithubSettings(url, username, Secrets.map(accessToken, transform), owner, repository, milestone,
                labels, assignees, titleTemplate, textTemplate);
    }

    @Override
    public List<String> sensitiveTexts() {
        return Secrets.present(accessToken);
    }

    @Override
    public String toString() {
        return Secrets.describe(this);
    }
}
