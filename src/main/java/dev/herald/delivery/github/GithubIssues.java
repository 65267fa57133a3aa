package dev.herald.delivery.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.delivery.issue.Finding;
import dev.herald.delivery.issue.IssueText;
import dev.herald.delivery.issue.IssueTracker;
import dev.herald.delivery.issue.TrackerRequest;
import dev.herald.delivery.message.Notification;
import dev.herald.delivery.message.Templates;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.settings.GithubSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub's REST API for issues (github.com, or GitHub Enterprise Server under its {@code /api/v3}
 * base): Markdown bodies, the configured labels, assignees and milestone on new issues.
 */
public final class GithubIssues implements IssueTracker {

    /** GitHub refuses longer titles and bodies (422). */
    private static final int TITLE_LIMIT = 256;
    private static final int BODY_LIMIT = 65_536;
    private static final String API_VERSION = "2022-11-28";

    private final Templates templates;
    private final ObjectMapper json;

    public GithubIssues(Templates templates, ObjectMapper json) {
        this.templates = templates;
        this.json = json;
    }

    @Override
    public String name() {
        return "GitHub";
    }

    @Override
    public TrackerRequest readIssue(EndpointConfiguration configuration, String issue) {
        return TrackerRequest.get(issues(configuration) + "/" + TrackerRequest.encode(issue), headers(configuration));
    }

    @Override
    public boolean isOpen(JsonNode issue) {
        return "open".equals(issue.path("state").asText());
    }

    /** The issues list filtered by label, not the search API: the list sees a new issue at once, search indexes later. */
    @Override
    public TrackerRequest findOpenIssue(EndpointConfiguration configuration, Finding finding) {
        return TrackerRequest.get(issues(configuration) + "?labels=" + TrackerRequest.encode(finding.label())
                + "&state=open&per_page=1", headers(configuration));
    }

    @Override
    public Optional<String> foundIssue(JsonNode answer) {
        return number(answer.path(0));
    }

    @Override
    public TrackerRequest comment(EndpointConfiguration configuration, String issue, Notification notification) {
        ObjectNode comment = json.createObjectNode()
                .put("body", IssueText.limit(templates.render("github/comment.md", notification), BODY_LIMIT));
        return TrackerRequest.post(issues(configuration) + "/" + TrackerRequest.encode(issue) + "/comments",
                headers(configuration), comment);
    }

    @Override
    public TrackerRequest open(EndpointConfiguration configuration, Finding finding, Notification notification) {
        GithubSettings settings = settings(configuration);
        ObjectNode issue = json.createObjectNode()
                .put("title", IssueText.title(templates.render("github/title.txt", notification), TITLE_LIMIT))
                .put("body", IssueText.limit(templates.render("github/body.md", notification), BODY_LIMIT));
        ArrayNode labels = issue.putArray("labels");
        orEmpty(settings.labels()).forEach(labels::add);
        labels.add(finding.label());
        if (!orEmpty(settings.assignees()).isEmpty()) {
            settings.assignees().forEach(issue.putArray("assignees")::add);
        }
        if (settings.milestone() != null) {
            issue.put("milestone", settings.milestone());
        }
        return TrackerRequest.post(issues(configuration), headers(configuration), issue);
    }

    @Override
    public Optional<String> openedIssue(JsonNode answer) {
        return number(answer);
    }

    private static Optional<String> number(JsonNode issue) {
        JsonNode number = issue.path("number");
        return number.isIntegralNumber() ? Optional.of(number.asText()) : Optional.empty();
    }

    /** {@code <api>/repos/<owner>/<repository>/issues}; owner and repository are checked names (letters, digits, . _ -). */
    private static String issues(EndpointConfiguration configuration) {
        GithubSettings settings = settings(configuration);
        String api = settings.url() == null ? GithubSettings.DEFAULT_URL : settings.url();
        api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        return api + "/repos/" + settings.owner() + "/" + settings.repository() + "/issues";
    }

    private static Map<String, String> headers(EndpointConfiguration configuration) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + settings(configuration).accessToken());
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", API_VERSION);
        // GitHub refuses requests without a User-Agent
        headers.put("User-Agent", "Herald");
        return headers;
    }

    private static GithubSettings settings(EndpointConfiguration configuration) {
        return (GithubSettings) configuration.settings();
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
