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
import dev.herald.support.FakeGithub;
import dev.herald.support.FakeGithub.Issue;
import dev.herald.support.Golden;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.SampleEvents;
import dev.herald.support.SampleEvents.CatalogueType;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deliver-github (the issue-upsert template) against a fake GitHub API on loopback: the issue each
 * event type opens, comments on repeats of a finding, failures that keep the token secret, and TLS
 * verification.
 */
class DeliverGithubRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OWNER = "acme";

    @TempDir
    static Path folder;

    static FakeGithub github;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        github = new FakeGithub();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.ui-url", "https://ui.example/events/{event_id}"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        github.close();
    }

    // ---------------------------------------------------------------- what is sent

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.herald.support.SampleEvents#catalogue")
    void theIssueOpenedForEachEventTypeIsGolden(CatalogueType type) {
        ApiClient account = scenario.newAccount();
        configuration(account, Map.of());

        String eventId = scenario.post(account, SampleEvents.of(type));
        scenario.awaitSettled(eventId);

        Request opening = single(github.requests(OWNER, account.account()), "POST", "/issues");
        JsonNode delivery = scenario.deliveriesOf(account, eventId).get(0);
        assertThat(delivery.get("state").asText()).as(delivery.toString()).isEqualTo("delivered");
        ObjectNode request = JSON.createObjectNode()
                .put("method", opening.method())
                .put("path", opening.path());
        ObjectNode headers = request.putObject("headers");
        for (String name : List.of("Authorization", "Accept", "X-GitHub-Api-Version", "User-Agent", "Content-Type")) {
            headers.put(name, opening.header(name));
        }
        request.set("body", opening.json());
        Golden.assertJson("github/" + type.type() + ".json", request.toString(), Map.of(
                eventId, "event_id",
                delivery.get("uuid").asText(), "delivery_id",
                account.account(), "account",
                findingLabel(opening), "finding_label"));
    }

    @Test
    void configuredLabelsAssigneesAndMilestoneAreOnTheNewIssueUnderAnEnterpriseBaseUrl() {
        ApiClient account = scenario.newAccount();
        configuration(account, Map.of("url", github.enterpriseUrl(), "labels", List.of("security", "anchore"),
                "assignees", List.of("octocat", "hubot"), "milestone", 3));

        String eventId = scenario.post(account, event("user.checks.tag.policy_evaluation.update", "info", "image_tag"));
        scenario.awaitSettled(eventId);

        Request opening = single(github.requests(OWNER, account.account()), "POST", "/issues");
        assertThat(opening.path()).isEqualTo(FakeGithub.ENTERPRISE_PATH + "/repos/acme/" + account.account() + "/issues");
        JsonNode body = opening.json();
        assertThat(texts(body.get("labels"))).containsExactly("security", "anchore", findingLabel(opening));
        assertThat(texts(body.get("assignees"))).containsExactly("octocat", "hubot");
        assertThat(body.get("milestone").asInt()).isEqualTo(3);
        assertThat(github.requests()).filteredOn(request -> request.path().contains(account.account()))
                .allSatisfy(request -> assertThat(request.path()).startsWith(FakeGithub.ENTERPRISE_PATH + "/repos/"));
    }

    @Test
    void anIssueWithoutConfiguredExtrasCarriesOnlyTheFindingLabel() {
        ApiClient account = scenario.newAccount();
        configuration(account, Map.of());

        String eventId = scenario.post(account, event("user.image.analysis.failed", "error", "image_tag"));
        scenario.awaitSettled(eventId);

        JsonNode body = single(github.requests(OWNER, account.account()), "POST", "/issues").json();
        assertThat(texts(body.get("labels"))).singleElement().asString().matches("herald-[0-9a-f]{12}");
        assertThat(body.has("assignees")).isFalse();
        assertThat(body.has("milestone")).isFalse();
    }

    // ---------------------------------------------------------------- upsert

    @Test
    void aRepeatOfAFindingCommentsOnItsOpenIssue() {
        ApiClient account = scenario.newAccount();
        configuration(account, Map.of());
        Map<String, Object> finding = event("user.checks.tag.policy_evaluation.update", "info", "image_tag");

        String first = scenario.post(account, finding);
        scenario.awaitSettled(first);
        String repeat = scenario.post(account, finding);
        scenario.awaitSettled(repeat);

        assertThat(github.issues(OWNER, account.account())).singleElement().satisfies(issue -> {
            assertThat(issue.title()).isEqualTo("Policy evaluation failed — docker.io/acme/api:1.4");
            assertThat(issue.comments()).singleElement().asString().contains("event " + repeat);
        });
        for (String eventId : List.of(first, repeat)) {
            assertThat(scenario.deliveriesOf(account, eventId)).singleElement().satisfies(delivery -> {
                assertThat(delivery.get("state").asText()).isEqualTo("delivered");
                assertThat(delivery.get("last_status_code").asInt()).isEqualTo(201);
                assertThat(delivery.get("external_id").asText()).isEqualTo("1");
            });
        }
        List<Request> requests = github.requests(OWNER, account.account());
        assertThat(requests).extracting(request -> request.method() + " " + request.path().replaceAll(".*/issues", ""))
                .containsExactly(
                        "GET ", "POST ",                 // search by label, open
                        "GET /1", "POST /1/comments");   // the remembered issue is open: comment
    }

    @Test
    void anotherResourceIsAnotherFindingAndGetsItsOwnIssue() {
        ApiClient account = scenario.newAccount();
        configuration(account, Map.of());
        Map<String, Object> api = event("user.image.analysis.failed", "error", "image_tag");
        Map<String, Object> worker = new LinkedHashMap<>(api);
        worker.put("resource", Map.of("type", "image_tag", "id", "docker.io/acme/worker:2.0"));

        scenario.awaitSettled(scenario.postAll(account, List.of(api, worker)));

        assertThat(github.issues(OWNER, account.account())).extracting(Issue::title).containsExactlyInAnyOrder(
                "Policy evaluation failed — docker.io/acme/api:1.4",
                "Policy evaluation failed — docker.io/acme/worker:2.0");
        assertThat(github.issues(OWNER, account.account())).allSatisfy(issue -> assertThat(issue.comments()).isEmpty());
    }

    @Test
    void aFindingWhoseIssueWasClosedGetsANewIssue() {
        ApiClient account = scenario.newAccount();
        configuration(account, Map.of());
        Map<String, Object> finding = event("user.checks.tag.vulnerabilities.update", "info", "image_tag");
        String first = scenario.post(account, finding);
        scenario.awaitSettled(first);

        github.close(OWNER, account.account(), 1);
        String repeat = scenario.post(account, finding);
        scenario.awaitSettled(repeat);

        assertThat(github.issues(OWNER, account.account())).extracting(Issue::number, Issue::state)
                .containsExactly(tuple(1, "closed"), tuple(2, "open"));
        assertThat(github.issues(OWNER, account.account())).allSatisfy(issue -> assertThat(issue.comments()).isEmpty());
        assertThat(scenario.deliveriesOf(account, repeat).get(0).get("external_id").asText()).isEqualTo("2");
    }

    @Test
    void repeatsInOneDispatchBatchOpenOneIssue() {
        ApiClient account = scenario.newAccount();
        configuration(account, Map.of());
        Map<String, Object> finding = event("user.checks.tag.policy_evaluation.update", "info", "image_tag");

        List<String> eventIds = scenario.postAll(account, Collections.nCopies(5, finding));
        scenario.awaitSettled(eventIds);

        assertThat(github.issues(OWNER, account.account())).singleElement()
                .satisfies(issue -> assertThat(issue.comments()).hasSize(4));
        for (String eventId : eventIds) {
            assertThat(scenario.deliveriesOf(account, eventId)).singleElement()
                    .satisfies(delivery -> assertThat(delivery.get("external_id").asText()).isEqualTo("1"));
        }
    }

    @Test
    void afterARestartWithoutItsRecordARepeatFindsTheLabelledIssue(@TempDir Path otherFolder) {
        TestDatabase database = TestDatabase.h2(otherFolder);
        Map<String, Object> finding = event("user.checks.tag.vulnerabilities.update", "info", "image_tag");
        ApiClient account;
        try (HeraldInstance before = HeraldInstance.start(database)) {
            Scenario steps = new Scenario(before);
            account = steps.newAccount();
            configuration(account, Map.of());
            steps.awaitSettled(steps.post(account, finding));
        }
        database.jdbi().useHandle(handle -> assertThat(handle.execute("DELETE FROM finding_issues")).isEqualTo(1));

        try (HeraldInstance after = HeraldInstance.start(database)) {
            Scenario steps = new Scenario(after);
            ApiClient sameAccount = after.api().actingAs(account.account());
            String repeat = steps.post(sameAccount, finding);
            steps.awaitSettled(repeat);

            assertThat(github.issues(OWNER, account.account())).singleElement()
                    .satisfies(issue -> assertThat(issue.comments()).hasSize(1));
            assertThat(steps.deliveriesOf(sameAccount, repeat).get(0).get("external_id").asText()).isEqualTo("1");
            List<Request> requests = github.requests(OWNER, account.account());
            assertThat(requests.get(requests.size() - 2).queryParameters()).containsEntry("state", "open");
            assertThat(requests.get(requests.size() - 1).path()).endsWith("/issues/1/comments");
        }
    }

    // ---------------------------------------------------------------- failures and test sends

    @Test
    void aRefusedTokenFailsTheDeliveryWith401AndTheTokenIsNowhere() {
        ApiClient account = scenario.newAccount();
        String revoked = "ghp_revokedToken91c2";
        String uuid;
        String eventId;
        String log;
        try (CapturedLog captured = new CapturedLog()) {
            uuid = configuration(account, Map.of("access_token", revoked));
            eventId = scenario.post(account, event("user.image.analysis.failed", "error", "image_tag"));
            scenario.awaitSettled(eventId);
            log = captured.text();
            assertThat(captured.lineCount()).as("Camel's debug log was captured").isPositive();
        }

        ApiResponse history = account.get("/v2/notifications/deliveries?event_id=" + eventId);
        assertThat(history.json().get("results")).singleElement().satisfies(delivery -> {
            assertThat(delivery.get("state").asText()).isEqualTo("dead");
            assertThat(delivery.get("last_status_code").asInt()).isEqualTo(401);
            assertThat(delivery.get("last_error").asText()).contains("GitHub answered 401", "Bad credentials");
            assertThat(delivery.get("external_id").isNull()).isTrue();
        });
        String row = herald.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT d.* FROM deliveries d JOIN events e ON e.id = d.event_id WHERE e.event_id = :id")
                .bind("id", eventId).mapToMap().one().toString());
        ApiResponse configuration = account.get("/v2/notifications/endpoints/github/configurations/" + uuid);
        assertThat(List.of(history.body(), row, configuration.body(), log)).allSatisfy(text -> assertThat(text)
                .doesNotContain(revoked));
        assertThat(github.issues(OWNER, account.account())).isEmpty();
    }

    @Test
    void theTestRoutesOpenAnIssueAndReportA401() {
        ApiClient account = scenario.newAccount();
        Map<String, Object> unsaved = settings(account, Map.of());

        ApiResponse sent = account.post("/v2/notifications/endpoints/github/test", unsaved);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.text("status")).isEqualTo("success");
        assertThat(sent.text("response")).isEqualTo("accepted with status 201, issue 1");
        assertThat(github.issues(OWNER, account.account())).singleElement().satisfies(issue -> {
            assertThat(issue.title()).isEqualTo("Unsolicited random wisdom of the moment — system.test.random_wisdom");
            assertThat(issue.body()).contains("Unsolicited random wisdom of the moment");
        });

        String uuid = configuration(account, Map.of("access_token", "ghp_revokedToken91c2"));
        ApiResponse tested = account.get("/v2/notifications/endpoints/github/configurations/" + uuid + "/test");
        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.text("status")).isEqualTo("failure");
        assertThat(tested.text("response")).contains("401").doesNotContain("ghp_revokedToken91c2");
        assertThat(account.get("/v2/notifications/endpoints/github/configurations/" + uuid + "/status").text("status"))
                .isEqualTo("unhealthy");
    }

    @Test
    void tlsIsVerifiedUnlessTheConfigurationTurnsItOff() {
        try (FakeGithub selfSigned = new FakeGithub(LoopbackReceiver.httpsWithSelfSignedCertificate(folder))) {
            ApiClient verified = scenario.newAccount();
            ApiClient unverified = scenario.newAccount();
            configuration(verified, Map.of("url", selfSigned.url()));
            configuration(unverified, Map.of("url", selfSigned.url(), "verify_tls", false));

            String refused = scenario.post(verified, event("user.image.analysis.failed", "error", "image_tag"));
            String accepted = scenario.post(unverified, event("user.image.analysis.failed", "error", "image_tag"));
            scenario.awaitSettled(List.of(refused, accepted));

            assertThat(selfSigned.requests(OWNER, verified.account())).isEmpty();
            assertThat(scenario.deliveriesOf(verified, refused)).singleElement().satisfies(delivery -> {
                assertThat(delivery.get("state").asText()).isEqualTo("dead");
                assertThat(delivery.get("last_error").asText()).containsAnyOf("SSL", "certification path", "PKIX");
            });
            assertThat(selfSigned.issues(OWNER, unverified.account())).hasSize(1);
            assertThat(scenario.deliveriesOf(unverified, accepted).get(0).get("state").asText()).isEqualTo("delivered");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A configuration for the account's own repository (named after the account) on the fake. */
    private static Map<String, Object> settings(ApiClient account, Map<String, Object> overrides) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", github.url());
        settings.put("username", "herald-bot");
        settings.put("access_token", FakeGithub.TOKEN);
        settings.put("owner", OWNER);
        settings.put("repository", account.account());
        settings.putAll(overrides);
        return settings;
    }

    /** Saves the configuration with a selector of every event of the account; returns its uuid. */
    private static String configuration(ApiClient account, Map<String, Object> overrides) {
        ApiResponse created = account.post("/v2/notifications/endpoints/github/configurations", settings(account, overrides));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        ApiResponse selected = account.post("/v2/notifications/endpoints/github/configurations/" + uuid + "/selectors",
                selector("account", "*", "*", "*"));
        assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
        return uuid;
    }

    private static Request single(List<Request> requests, String method, String pathEnd) {
        List<Request> matching = requests.stream()
                .filter(request -> request.method().equals(method) && request.path().endsWith(pathEnd)).toList();
        assertThat(matching).as(method + " …" + pathEnd).hasSize(1);
        return matching.get(0);
    }

    private static String findingLabel(Request opening) {
        List<String> labels = texts(opening.json().get("labels"));
        String label = labels.get(labels.size() - 1);
        assertThat(label).matches("herald-[0-9a-f]{12}");
        return label;
    }

    private static List<String> texts(JsonNode array) {
        assertThat(array).as("a JSON array").isNotNull();
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
