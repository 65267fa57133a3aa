package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.CapturedLog;
import dev.herald.support.FakeJira;
import dev.herald.support.FakeJira.Issue;
import dev.herald.support.Golden;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.SampleEvents;
import dev.herald.support.SampleEvents.CatalogueType;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deliver-jira (the issue-upsert template) against a fake Jira Data Center on loopback: the issue
 * each event type creates, comments on repeats of a finding, failures that keep the password
 * secret, and TLS verification. Jira Cloud's differences are {@code JiraDeploymentTest}'s: *.atlassian.net cannot be served here.
 */
class DeliverJiraRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PROJECTS = new AtomicInteger();

    @TempDir
    static Path folder;

    static FakeJira jira;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        jira = new FakeJira();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.ui-url", "https://ui.example/events/{event_id}"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        jira.close();
    }

    // ---------------------------------------------------------------- what is sent

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.herald.support.SampleEvents#catalogue")
    void theIssueCreatedForEachEventTypeIsGolden(CatalogueType type) {
        ApiClient account = scenario.newAccount();
        String project = newProject();
        configuration(account, project, Map.of());

        String eventId = scenario.post(account, SampleEvents.of(type));
        scenario.awaitSettled(eventId);

        Request creation = creation(project);
        JsonNode delivery = scenario.deliveriesOf(account, eventId).get(0);
        assertThat(delivery.get("state").asText()).as(delivery.toString()).isEqualTo("delivered");
        assertThat(delivery.get("external_id").asText()).isEqualTo(project + "-1");
        ObjectNode request = JSON.createObjectNode()
                .put("method", creation.method())
                .put("path", creation.path());
        ObjectNode headers = request.putObject("headers");
        for (String name : List.of("Authorization", "Accept", "Content-Type")) {
            headers.put(name, creation.header(name));
        }
        request.set("body", creation.json());
        Golden.assertJson("jira/" + type.type() + ".json", request.toString(), Map.of(
                eventId, "event_id",
                delivery.get("uuid").asText(), "delivery_id",
                account.account(), "account",
                findingLabel(creation), "finding_label",
                project, "project"));
    }

    @Test
    void priorityAssigneeAndLabelsAreOnTheNewIssueAndTheAssigneeIsNamedTheDataCenterWay() {
        ApiClient account = scenario.newAccount();
        String project = newProject();
        configuration(account, project, Map.of("priority", "High", "assignee", "jsmith",
                "labels", List.of("security", "anchore")));

        scenario.awaitSettled(scenario.post(account, event("user.checks.tag.policy_evaluation.update", "info", "image_tag")));

        Request creation = creation(project);
        assertThat(creation.path()).isEqualTo(FakeJira.CONTEXT_PATH + "/rest/api/2/issue");
        JsonNode fields = creation.json().get("fields");
        assertThat(fields.get("priority")).isEqualTo(JSON.createObjectNode().put("name", "High"));
        assertThat(fields.get("assignee")).isEqualTo(JSON.createObjectNode().put("name", "jsmith"));
        assertThat(texts(fields.get("labels"))).containsExactly("security", "anchore", findingLabel(creation));
        assertThat(fields.get("issuetype").get("name").asText()).isEqualTo("Bug");
    }

    @Test
    void anIssueWithoutConfiguredExtrasHasNoPriorityOrAssignee() {
        ApiClient account = scenario.newAccount();
        String project = newProject();
        configuration(account, project, Map.of());

        scenario.awaitSettled(scenario.post(account, event("user.image.analysis.failed", "error", "image_tag")));

        JsonNode fields = creation(project).json().get("fields");
        assertThat(fields.has("priority")).isFalse();
        assertThat(fields.has("assignee")).isFalse();
        assertThat(texts(fields.get("labels"))).singleElement().asString().matches("herald-[0-9a-f]{12}");
    }

    // ---------------------------------------------------------------- upsert

    @Test
    void aRepeatOfAFindingCommentsOnItsOpenIssue() {
        ApiClient account = scenario.newAccount();
        String project = newProject();
        configuration(account, project, Map.of());
        Map<String, Object> finding = event("user.checks.tag.policy_evaluation.update", "info", "image_tag");

        String first = scenario.post(account, finding);
        scenario.awaitSettled(first);
        String repeat = scenario.post(account, finding);
        scenario.awaitSettled(repeat);

        assertThat(jira.issues(project)).singleElement().satisfies(issue -> {
            assertThat(issue.fields().get("summary").asText())
                    .isEqualTo("Policy evaluation failed — docker.io/acme/api:1.4");
            assertThat(issue.comments()).singleElement().asString().contains("event " + repeat);
        });
        for (String eventId : List.of(first, repeat)) {
            assertThat(scenario.deliveriesOf(account, eventId)).singleElement().satisfies(delivery -> {
                assertThat(delivery.get("state").asText()).isEqualTo("delivered");
                assertThat(delivery.get("last_status_code").asInt()).isEqualTo(201);
                assertThat(delivery.get("external_id").asText()).isEqualTo(project + "-1");
            });
        }
        List<Request> requests = requestsOf(project);
        assertThat(requests).extracting(request -> request.method() + " " + request.path().replaceAll(".*/rest/api/2", ""))
                .containsExactly(
                        "GET /search", "POST /issue",                                   // search by label, create
                        "GET /issue/" + project + "-1", "POST /issue/" + project + "-1/comment");
        assertThat(requests.get(0).queryParameters()).containsEntry("jql", "project = \"" + project + "\" AND labels = \""
                + findingLabel(requests.get(1)) + "\" AND statusCategory != Done ORDER BY created DESC")
                .containsEntry("maxResults", "1").containsEntry("fields", "status");
        assertThat(requests.get(2).queryParameters()).containsEntry("fields", "status");
    }

    @Test
    void aFindingWhoseIssueWasResolvedGetsANewIssue() {
        ApiClient account = scenario.newAccount();
        String project = newProject();
        configuration(account, project, Map.of());
        Map<String, Object> finding = event("user.checks.tag.vulnerabilities.update", "info", "image_tag");
        scenario.awaitSettled(scenario.post(account, finding));

        jira.resolve(project + "-1");
        String repeat = scenario.post(account, finding);
        scenario.awaitSettled(repeat);

        assertThat(jira.issues(project)).extracting(Issue::key, Issue::statusCategory)
                .containsExactly(tuple(project + "-1", "done"), tuple(project + "-2", "new"));
        assertThat(jira.issues(project)).allSatisfy(issue -> assertThat(issue.comments()).isEmpty());
        assertThat(scenario.deliveriesOf(account, repeat).get(0).get("external_id").asText()).isEqualTo(project + "-2");
    }

    @Test
    void repeatsInOneDispatchBatchCreateOneIssue() {
        ApiClient account = scenario.newAccount();
        String project = newProject();
        configuration(account, project, Map.of());
        Map<String, Object> finding = event("user.checks.tag.policy_evaluation.update", "info", "image_tag");

        List<String> eventIds = scenario.postAll(account, Collections.nCopies(5, finding));
        scenario.awaitSettled(eventIds);

        assertThat(jira.issues(project)).singleElement().satisfies(issue -> assertThat(issue.comments()).hasSize(4));
        for (String eventId : eventIds) {
            assertThat(scenario.deliveriesOf(account, eventId)).singleElement()
                    .satisfies(delivery -> assertThat(delivery.get("external_id").asText()).isEqualTo(project + "-1"));
        }
    }

    @Test
    void afterARestartWithoutItsRecordARepeatFindsTheLabelledIssue(@TempDir Path otherFolder) {
        TestDatabase database = TestDatabase.h2(otherFolder);
        String project = newProject();
        Map<String, Object> finding = event("user.checks.tag.vulnerabilities.update", "info", "image_tag");
        String account;
        try (HeraldInstance before = HeraldInstance.start(database)) {
            Scenario steps = new Scenario(before);
            ApiClient client = steps.newAccount();
            account = client.account();
            configuration(client, project, Map.of());
            steps.awaitSettled(steps.post(client, finding));
        }
        database.jdbi().useHandle(handle -> assertThat(handle.execute("DELETE FROM finding_issues")).isEqualTo(1));

        try (HeraldInstance after = HeraldInstance.start(database)) {
            Scenario steps = new Scenario(after);
            ApiClient client = after.api().actingAs(account);
            String repeat = steps.post(client, finding);
            steps.awaitSettled(repeat);

            assertThat(jira.issues(project)).singleElement().satisfies(issue -> assertThat(issue.comments()).hasSize(1));
            assertThat(steps.deliveriesOf(client, repeat).get(0).get("external_id").asText()).isEqualTo(project + "-1");
            List<Request> requests = requestsOf(project);
            assertThat(requests.get(requests.size() - 2).path()).endsWith("/rest/api/2/search");
            assertThat(requests.get(requests.size() - 1).path()).endsWith("/issue/" + project + "-1/comment");
        }
    }

    // ---------------------------------------------------------------- failures and test sends

    @Test
    void aRefusedPasswordFailsTheDeliveryWith401AndThePasswordIsNowhere() {
        ApiClient account = scenario.newAccount();
        String project = newProject();
        String wrong = "jira-wrong-password-91c2";
        String basic = Base64.getEncoder().encodeToString((FakeJira.USERNAME + ":" + wrong).getBytes(StandardCharsets.UTF_8));
        String uuid;
        String eventId;
        String log;
        try (CapturedLog captured = new CapturedLog()) {
            uuid = configuration(account, project, Map.of("password", wrong));
            eventId = scenario.post(account, event("user.image.analysis.failed", "error", "image_tag"));
            scenario.awaitSettled(eventId);
            log = captured.text();
            assertThat(captured.lineCount()).as("Camel's debug log was captured").isPositive();
        }

        ApiResponse history = account.get("/v2/notifications/deliveries?event_id=" + eventId);
        assertThat(history.json().get("results")).singleElement().satisfies(delivery -> {
            assertThat(delivery.get("state").asText()).isEqualTo("dead");
            assertThat(delivery.get("last_status_code").asInt()).isEqualTo(401);
            assertThat(delivery.get("last_error").asText()).contains("Jira answered 401", "not authenticated");
            assertThat(delivery.get("external_id").isNull()).isTrue();
        });
        String row = herald.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT d.* FROM deliveries d JOIN events e ON e.id = d.event_id WHERE e.event_id = :id")
                .bind("id", eventId).mapToMap().one().toString());
        ApiResponse configuration = account.get("/v2/notifications/endpoints/jira/configurations/" + uuid);
        assertThat(List.of(history.body(), row, configuration.body(), log)).allSatisfy(text -> assertThat(text)
                .doesNotContain(wrong).doesNotContain(basic));
        assertThat(jira.issues(project)).isEmpty();
    }

    @Test
    void theTestRoutesCreateAnIssueAndReportA401() {
        ApiClient account = scenario.newAccount();
        String project = newProject();

        ApiResponse sent = account.post("/v2/notifications/endpoints/jira/test", settings(project, Map.of()));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.text("status")).isEqualTo("success");
        assertThat(sent.text("response")).isEqualTo("accepted with status 201, issue " + project + "-1");
        assertThat(jira.issues(project)).singleElement().satisfies(issue -> {
            assertThat(issue.fields().get("summary").asText())
                    .isEqualTo("Unsolicited random wisdom of the moment — system.test.random_wisdom");
            assertThat(issue.fields().get("description").asText()).contains("Unsolicited random wisdom of the moment");
        });

        String uuid = configuration(account, project, Map.of("password", "jira-wrong-password-91c2"));
        ApiResponse tested = account.get("/v2/notifications/endpoints/jira/configurations/" + uuid + "/test");
        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.text("status")).isEqualTo("failure");
        assertThat(tested.text("response")).contains("401").doesNotContain("jira-wrong-password-91c2");
        assertThat(account.get("/v2/notifications/endpoints/jira/configurations/" + uuid + "/status").text("status"))
                .isEqualTo("unhealthy");
    }

    @Test
    void tlsIsVerifiedUnlessTheConfigurationTurnsItOff() {
        try (FakeJira selfSigned = new FakeJira(LoopbackReceiver.httpsWithSelfSignedCertificate(folder))) {
            ApiClient account = scenario.newAccount();
            String verifiedProject = newProject();
            String unverifiedProject = newProject();
            configuration(account, verifiedProject, Map.of("url", selfSigned.url()));
            configuration(account, unverifiedProject, Map.of("url", selfSigned.url(), "verify_tls", false));

            String eventId = scenario.post(account, event("user.image.analysis.failed", "error", "image_tag"));
            scenario.awaitSettled(eventId);

            assertThat(selfSigned.issues(verifiedProject)).isEmpty();
            assertThat(selfSigned.issues(unverifiedProject)).hasSize(1);
            assertThat(scenario.deliveriesOf(account, eventId)).extracting(d -> d.get("state").asText())
                    .containsExactlyInAnyOrder("dead", "delivered");
            assertThat(scenario.deliveriesOf(account, eventId)).filteredOn(d -> d.get("state").asText().equals("dead"))
                    .singleElement().satisfies(d -> assertThat(d.get("last_error").asText())
                            .containsAnyOf("SSL", "certification path", "PKIX"));
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A project of its own for each test, so the fake's issue keys start at 1; all of one length, so none contains another. */
    private static String newProject() {
        return String.format("SEC%03d", PROJECTS.incrementAndGet());
    }

    private static Map<String, Object> settings(String project, Map<String, Object> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", jira.url());
        settings.put("username", FakeJira.USERNAME);
        settings.put("password", FakeJira.PASSWORD);
        settings.put("project_key", project);
        settings.put("issue_type", "Bug");
        settings.putAll(overrides);
        return settings;
    }

    /** Saves the configuration with a selector of every event of the account; returns its uuid. */
    private static String configuration(ApiClient account, String project, Map<String, Object> overrides) {
        ApiResponse created = account.post("/v2/notifications/endpoints/jira/configurations", settings(project, overrides));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        ApiResponse selected = account.post("/v2/notifications/endpoints/jira/configurations/" + uuid + "/selectors",
                selector("account", "*", "*", "*"));
        assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
        return uuid;
    }

    /** The one issue creation request for the project. */
    private static Request creation(String project) {
        List<Request> creations = jira.requests().stream()
                .filter(request -> request.method().equals("POST") && request.path().endsWith("/rest/api/2/issue"))
                .filter(request -> request.json().path("fields").path("project").path("key").asText().equals(project))
                .toList();
        assertThat(creations).as("issue creations in " + project).hasSize(1);
        return creations.get(0);
    }

    /** The requests made for the project's issues: searches in it, creations in it, calls on its issues. */
    private static List<Request> requestsOf(String project) {
        return jira.requests().stream().filter(request -> request.path().contains("/issue/" + project + "-")
                        || request.body().contains("\"key\":\"" + project + "\"")
                        || String.valueOf(request.queryParameters().get("jql")).contains("\"" + project + "\""))
                .toList();
    }

    private static String findingLabel(Request creation) {
        List<String> labels = texts(creation.json().get("fields").get("labels"));
        String label = labels.get(labels.size() - 1);
        assertThat(label).matches("herald-[0-9a-f]{12}");
        return label;
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array).as("a JSON array").isNotNull();
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
