package dev.herald.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.support.LoopbackReceiver.Answer;
import dev.herald.support.LoopbackReceiver.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Jira Data Center REST API (version 2) on loopback, for the calls Herald makes: read an
 * issue's status, search with JQL, create an issue, comment. Issues live in memory; answers have
 * Jira's shape and statuses (201 on create, 400 with {@code errors}, 401, 404). Served under the
 * context path /jira, as Data Center often is. The search understands exactly the JQL Herald sends
 * and answers 400 to anything else, as Jira does to JQL it cannot parse.
 */
public final class FakeJira implements AutoCloseable {

    public static final String USERNAME = "herald@acme.io";
    /** The one password the fake accepts. */
    public static final String PASSWORD = "jira-fake-password-7f3a";
    public static final String CONTEXT_PATH = "/jira";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = CONTEXT_PATH + "/rest/api/2";
    private static final Pattern JQL = Pattern.compile(
            "project = \"([^\"]+)\" AND labels = \"([^\"]+)\" AND statusCategory != Done ORDER BY created DESC");

    /** One issue as the fake keeps it: the fields Herald sent, its status category, its comments. */
    public record Issue(String id, String key, JsonNode fields, String statusCategory, List<String> comments) {
    }

    private final LoopbackReceiver receiver;
    // in creation order, so the newest is last
    private final Map<String, Issue> issues = new LinkedHashMap<>();
    private final Map<String, Integer> numbersByProject = new LinkedHashMap<>();

    public FakeJira() {
        this(new LoopbackReceiver());
    }

    /** The fake served by the given receiver, e.g. one on https with a self-signed certificate. */
    public FakeJira(LoopbackReceiver receiver) {
        this.receiver = receiver;
        receiver.script("GET", API + "/issue/([^/]+)", this::readIssue);
        receiver.script("GET", API + "/search", this::search);
        receiver.script("POST", API + "/issue", this::createIssue);
        receiver.script("POST", API + "/issue/([^/]+)/comment", this::comment);
    }

    /** The site's URL, context path included. */
    public String url() {
        return receiver.url(CONTEXT_PATH);
    }

    public synchronized List<Issue> issues(String projectKey) {
        return issues.values().stream().filter(issue -> issue.key().startsWith(projectKey + "-")).toList();
    }

    /** Moves an issue to a status of the Done category, as resolving it would. */
    public synchronized void resolve(String key) {
        Issue issue = issues.get(key);
        issues.put(key, new Issue(issue.id(), issue.key(), issue.fields(), "done", issue.comments()));
    }

    public List<Request> requests() {
        return receiver.requests();
    }

    private synchronized Answer readIssue(Request request, Matcher path) {
        if (!authorized(request)) {
            return notAuthenticated();
        }
        Issue issue = issues.get(path.group(1));
        return issue == null ? issueDoesNotExist() : new Answer(200, view(issue).toString());
    }

    private synchronized Answer search(Request request, Matcher path) {
        if (!authorized(request)) {
            return notAuthenticated();
        }
        Map<String, String> query = request.queryParameters();
        Matcher jql = JQL.matcher(query.getOrDefault("jql", ""));
        if (!jql.matches()) {
            return new Answer(400, "{\"errorMessages\":[\"Error in the JQL Query: " + query.get("jql") + "\"],\"errors\":{}}");
        }
        int maxResults = Integer.parseInt(query.getOrDefault("maxResults", "50"));
        List<Issue> newestFirst = new ArrayList<>(issues.values());
        Collections.reverse(newestFirst);
        List<Issue> found = newestFirst.stream()
                .filter(issue -> issue.key().startsWith(jql.group(1) + "-"))
                .filter(issue -> labels(issue).contains(jql.group(2)))
                .filter(issue -> !issue.statusCategory().equals("done"))
                .toList();
        ObjectNode answer = JSON.createObjectNode().put("startAt", 0).put("maxResults", maxResults).put("total", found.size());
        ArrayNode page = answer.putArray("issues");
        found.stream().limit(maxResults).forEach(issue -> page.add(view(issue)));
        return new Answer(200, answer.toString());
    }

    private synchronized Answer createIssue(Request request, Matcher path) {
        if (!authorized(request)) {
            return notAuthenticated();
        }
        JsonNode fields = request.json().path("fields");
        Map<String, String> errors = new LinkedHashMap<>();
        String summary = fields.path("summary").asText("");
        if (summary.isBlank()) {
            errors.put("summary", "You must specify a summary of the issue.");
        } else if (summary.length() > 255 || summary.contains("\n")) {
            errors.put("summary", "Summary must be less than 255 characters and on one line.");
        }
        if (fields.path("issuetype").path("name").asText("").isBlank()) {
            errors.put("issuetype", "issue type is required");
        }
        String project = fields.path("project").path("key").asText("");
        if (project.isBlank()) {
            errors.put("project", "project is required");
        }
        fields.path("labels").forEach(label -> {
            if (label.asText().contains(" ")) {
                errors.put("labels", "The label '" + label.asText() + "' contains spaces which is invalid.");
            }
        });
        if (!errors.isEmpty()) {
            return new Answer(400, JSON.createObjectNode().<ObjectNode>set("errorMessages", JSON.createArrayNode())
                    .<ObjectNode>set("errors", JSON.valueToTree(errors)).toString());
        }
        int number = numbersByProject.merge(project, 1, Integer::sum);
        String id = String.valueOf(10000 + issues.size() + 1);
        Issue issue = new Issue(id, project + "-" + number, fields, "new", new ArrayList<>());
        issues.put(issue.key(), issue);
        return new Answer(201, JSON.createObjectNode().put("id", id).put("key", issue.key())
                .put("self", url() + "/rest/api/2/issue/" + id).toString());
    }

    private synchronized Answer comment(Request request, Matcher path) {
        if (!authorized(request)) {
            return notAuthenticated();
        }
        Issue issue = issues.get(path.group(1));
        if (issue == null) {
            return issueDoesNotExist();
        }
        String body = request.json().path("body").asText();
        issue.comments().add(body);
        String id = String.valueOf(20000 + issue.comments().size());
        return new Answer(201, JSON.createObjectNode().put("id", id)
                .put("self", url() + "/rest/api/2/issue/" + issue.id() + "/comment/" + id).put("body", body).toString());
    }

    private ObjectNode view(Issue issue) {
        ObjectNode view = JSON.createObjectNode().put("id", issue.id()).put("key", issue.key())
                .put("self", url() + "/rest/api/2/issue/" + issue.id());
        ObjectNode status = view.putObject("fields").putObject("status");
        status.put("name", issue.statusCategory().equals("done") ? "Done" : "To Do");
        status.putObject("statusCategory").put("key", issue.statusCategory())
                .put("name", issue.statusCategory().equals("done") ? "Done" : "To Do");
        return view;
    }

    private static List<String> labels(Issue issue) {
        List<String> labels = new ArrayList<>();
        issue.fields().path("labels").forEach(label -> labels.add(label.asText()));
        return labels;
    }

    private static boolean authorized(Request request) {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return expected.equals(request.header("Authorization"));
    }

    private static Answer notAuthenticated() {
        return new Answer(401, "{\"errorMessages\":[\"You are not authenticated. Authentication required to perform "
                + "this operation.\"],\"errors\":{}}");
    }

    private static Answer issueDoesNotExist() {
        return new Answer(404, "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],"
                + "\"errors\":{}}");
    }

    @Override
    public void close() {
        receiver.close();
    }
}
