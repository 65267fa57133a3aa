package dev.herald.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.support.LoopbackReceiver.Answer;
import dev.herald.support.LoopbackReceiver.Request;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A small GitHub REST API on loopback, for the issue calls Herald makes: read an issue, list the
 * open issues with a label, open an issue, comment on one. Issues live in memory per repository;
 * answers have GitHub's shape and statuses (201 on create, 401 "Bad credentials", 404, 422). Served
 * at the root, like api.github.com, and under /api/v3, like GitHub Enterprise Server.
 */
public final class FakeGithub implements AutoCloseable {

    /** The one access token the fake accepts. */
    public static final String TOKEN = "ghp_fakeGithubToken7f3a";
    public static final String ENTERPRISE_PATH = "/api/v3";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPO = "(?:/api/v3)?/repos/([^/]+)/([^/]+)/issues";

    /** One issue as the fake keeps it. */
    public record Issue(int number, String title, String body, List<String> labels, List<String> assignees,
            Integer milestone, String state, List<String> comments) {
    }

    private final LoopbackReceiver receiver;
    private final Map<String, List<Issue>> repositories = new LinkedHashMap<>();

    public FakeGithub() {
        this(new LoopbackReceiver());
    }

    /** The fake served by the given receiver, e.g. one on https with a self-signed certificate. */
    public FakeGithub(LoopbackReceiver receiver) {
        this.receiver = receiver;
        receiver.script("GET", REPO + "/(\\d+)", this::readIssue);
        receiver.script("GET", REPO, this::listIssues);
        receiver.script("POST", REPO, this::openIssue);
        receiver.script("POST", REPO + "/(\\d+)/comments", this::comment);
    }

    /** The API base of github.com's shape. */
    public String url() {
        return receiver.url("");
    }

    /** The API base of GitHub Enterprise Server's shape. */
    public String enterpriseUrl() {
        return receiver.url(ENTERPRISE_PATH);
    }

    public synchronized List<Issue> issues(String owner, String repository) {
        return List.copyOf(repositories.getOrDefault(owner + "/" + repository, List.of()));
    }

    /** Closes an issue, as a person would on GitHub. */
    public synchronized void close(String owner, String repository, int number) {
        List<Issue> issues = repositories.get(owner + "/" + repository);
        Issue issue = issues.get(number - 1);
        issues.set(number - 1, new Issue(issue.number(), issue.title(), issue.body(), issue.labels(), issue.assignees(),
                issue.milestone(), "closed", issue.comments()));
    }

    /** The requests made for one repository, in order. */
    public List<Request> requests(String owner, String repository) {
        return receiver.requests().stream()
                .filter(request -> request.path().contains("/repos/" + owner + "/" + repository + "/"))
                .toList();
    }

    public List<Request> requests() {
        return receiver.requests();
    }

    private synchronized Answer readIssue(Request request, Matcher path) {
        if (!authorized(request)) {
            return badCredentials();
        }
        Issue issue = find(path.group(1), path.group(2), Integer.parseInt(path.group(3)));
        return issue == null ? notFound() : new Answer(200, view(path.group(1), path.group(2), issue).toString());
    }

    private synchronized Answer listIssues(Request request, Matcher path) {
        if (!authorized(request)) {
            return badCredentials();
        }
        Map<String, String> query = request.queryParameters();
        List<String> labels = query.containsKey("labels") ? Arrays.asList(query.get("labels").split(",")) : List.of();
        String state = query.getOrDefault("state", "open");
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        ArrayNode page = JSON.createArrayNode();
        List<Issue> newestFirst = new ArrayList<>(repositories.getOrDefault(path.group(1) + "/" + path.group(2), List.of()));
        Collections.reverse(newestFirst);
        newestFirst.stream()
                .filter(issue -> state.equals("all") || issue.state().equals(state))
                .filter(issue -> issue.labels().containsAll(labels))
                .limit(perPage)
                .forEach(issue -> page.add(view(path.group(1), path.group(2), issue)));
        return new Answer(200, page.toString());
    }

    private synchronized Answer openIssue(Request request, Matcher path) {
        if (!authorized(request)) {
            return badCredentials();
        }
        JsonNode body = request.json();
        String title = body.path("title").asText("");
        if (title.isBlank() || title.length() > 256) {
            return new Answer(422, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\","
                    + "\"code\":\"invalid\",\"field\":\"title\"}],\"status\":\"422\"}");
        }
        List<Issue> issues = repositories.computeIfAbsent(path.group(1) + "/" + path.group(2), key -> new ArrayList<>());
        Issue issue = new Issue(issues.size() + 1, title, body.path("body").asText(null), texts(body.path("labels")),
                texts(body.path("assignees")), body.has("milestone") ? body.get("milestone").asInt() : null, "open",
                new ArrayList<>());
        issues.add(issue);
        return new Answer(201, view(path.group(1), path.group(2), issue).toString());
    }

    private synchronized Answer comment(Request request, Matcher path) {
        if (!authorized(request)) {
            return badCredentials();
        }
        Issue issue = find(path.group(1), path.group(2), Integer.parseInt(path.group(3)));
        if (issue == null) {
            return notFound();
        }
        String text = request.json().path("body").asText();
        issue.comments().add(text);
        ObjectNode comment = JSON.createObjectNode()
                .put("id", 9000 + issue.comments().size())
                .put("html_url", "https://github.example/" + path.group(1) + "/" + path.group(2) + "/issues/"
                        + issue.number() + "#issuecomment-" + (9000 + issue.comments().size()))
                .put("body", text);
        return new Answer(201, comment.toString());
    }

    private Issue find(String owner, String repository, int number) {
        List<Issue> issues = repositories.getOrDefault(owner + "/" + repository, List.of());
        return number >= 1 && number <= issues.size() ? issues.get(number - 1) : null;
    }

    private static ObjectNode view(String owner, String repository, Issue issue) {
        ObjectNode view = JSON.createObjectNode()
                .put("id", 1000 + issue.number())
                .put("number", issue.number())
                .put("html_url", "https://github.example/" + owner + "/" + repository + "/issues/" + issue.number())
                .put("state", issue.state())
                .put("title", issue.title());
        ArrayNode labels = view.putArray("labels");
        issue.labels().forEach(label -> labels.addObject().put("name", label));
        return view;
    }

    private static boolean authorized(Request request) {
        return ("Bearer " + TOKEN).equals(request.header("Authorization"));
    }

    private static Answer badCredentials() {
        return new Answer(401, "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\","
                + "\"status\":\"401\"}");
    }

    private static Answer notFound() {
        return new Answer(404, "{\"message\":\"Not Found\",\"status\":\"404\"}");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Override
    public void close() {
        receiver.close();
    }
}
