package dev.herald.delivery.jira;

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
import dev.herald.endpoint.settings.JiraSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jira's REST API for issues, Cloud and Data Center alike ({@link JiraDeployment} holds the two
 * differences): version 2 for issues and comments, since it takes wiki markup on both (Cloud's
 * version 3 wants Atlassian Document Format instead).
 */
public final class JiraIssues implements IssueTracker {

    /** Jira's limits: a summary holds 255 characters, a text field 32,767. */
    private static final int SUMMARY_LIMIT = 255;
    private static final int TEXT_LIMIT = 32_767;

    private final Templates templates;
    private final ObjectMapper json;

    public JiraIssues(Templates templates, ObjectMapper json) {
        this.templates = templates;
        this.json = json;
    }

    @Override
    public String name() {
        return "Jira";
    }

    @Override
    public TrackerRequest readIssue(EndpointConfiguration configuration, String issue) {
        return TrackerRequest.get(site(configuration) + "/rest/api/2/issue/" + TrackerRequest.encode(issue)
                + "?fields=status", headers(configuration));
    }

    /** Open unless its status is in the Done category, whatever the workflow calls that status. */
    @Override
    public boolean isOpen(JsonNode issue) {
        return !"done".equals(issue.path("fields").path("status").path("statusCategory").path("key").asText());
    }

    @Override
    public TrackerRequest findOpenIssue(EndpointConfiguration configuration, Finding finding) {
        JiraSettings settings = settings(configuration);
        // the project key is a checked name (letters, digits, _) and the label is herald-<hex>: nothing to quote in either
        String jql = "project = \"" + settings.projectKey() + "\" AND labels = \"" + finding.label()
                + "\" AND statusCategory != Done ORDER BY created DESC";
        return TrackerRequest.get(site(configuration) + JiraDeployment.of(settings.url()).searchPath()
                + "?jql=" + TrackerRequest.encode(jql) + "&maxResults=1&fields=status", headers(configuration));
    }

    @Override
    public Optional<String> foundIssue(JsonNode answer) {
        return key(answer.path("issues").path(0));
    }

    @Override
    public TrackerRequest comment(EndpointConfiguration configuration, String issue, Notification notification) {
        ObjectNode comment = json.createObjectNode()
                .put("body", IssueText.limit(templates.render("jira/comment.wiki", notification), TEXT_LIMIT));
        return TrackerRequest.post(site(configuration) + "/rest/api/2/issue/" + TrackerRequest.encode(issue) + "/comment",
                headers(configuration), comment);
    }

    @Override
    public TrackerRequest open(EndpointConfiguration configuration, Finding finding, Notification notification) {
        JiraSettings settings = settings(configuration);
        ObjectNode fields = json.createObjectNode();
        fields.putObject("project").put("key", settings.projectKey());
        fields.putObject("issuetype").put("name", settings.issueType());
        fields.put("summary", IssueText.title(templates.render("jira/summary.txt", notification), SUMMARY_LIMIT));
        fields.put("description", IssueText.limit(templates.render("jira/description.wiki", notification), TEXT_LIMIT));
        ArrayNode labels = fields.putArray("labels");
        (settings.labels() == null ? List.<String>of() : settings.labels()).forEach(labels::add);
        labels.add(finding.label());
        if (settings.priority() != null) {
            fields.putObject("priority").put("name", settings.priority());
        }
        if (settings.assignee() != null) {
            fields.set("assignee", JiraDeployment.of(settings.url()).assignee(settings.assignee()));
        }
        ObjectNode issue = json.createObjectNode();
        issue.set("fields", fields);
        return TrackerRequest.post(site(configuration) + "/rest/api/2/issue", headers(configuration), issue);
    }

    @Override
    public Optional<String> openedIssue(JsonNode answer) {
        return key(answer);
    }

    /** The issue's key, or its id if an answer holds only that: Jira takes either wherever it takes an issue. */
    private static Optional<String> key(JsonNode issue) {
        String key = issue.path("key").asText(issue.path("id").asText(""));
        return key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /** The site's URL, with any context path (Data Center often runs under /jira). */
    private static String site(EndpointConfiguration configuration) {
        String url = settings(configuration).url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Map<String, String> headers(EndpointConfiguration configuration) {
        JiraSettings settings = settings(configuration);
        String credentials = settings.username() + ":" + settings.password();
        return Map.of(
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)),
                "Accept", "application/json");
    }

    private static JiraSettings settings(EndpointConfiguration configuration) {
        return (JiraSettings) configuration.settings();
    }
}
