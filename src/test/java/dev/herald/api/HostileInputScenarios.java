package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Scenario;
import dev.herald.support.StoredRows;
import dev.herald.support.TestDatabase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every writable route, sent malformed JSON, a huge body, the wrong type in every field, and
 * injection and Unicode edge cases in every text field. No answer is a 500; every 4xx has the error shape and
 * leaves the database exactly as it was; a value that is accepted comes back exactly as sent.
 */
abstract class HostileInputScenarios {

    /** Writes \\uXXXX escapes for non-ASCII, so an unpaired surrogate reaches Herald as such. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> MALFORMED = List.of("{", "[", "{\"a\":}", "{\"a\": 1}}", "{'a': 1}", "nul",
            "{\"a\": NaN}", "\"just text\"", "42", "[".repeat(5000) + "]".repeat(5000), "{\"a\": \"\\uZZZZ\"}");
    private static final List<JsonNode> WRONG_TYPES = List.of(NODES.numberNode(12), NODES.booleanNode(true),
            NODES.arrayNode(), NODES.objectNode());
    private static final List<String> HOSTILE_TEXT = List.of("'; DROP TABLE events; --", "\" OR \"1\"=\"1",
            "{{herald.admin.password}}", "${env:HOME}", "<script>alert(1)</script>", "../../../../etc/passwd",
            "line\r\nBcc: evil@example.com", "\u0000", "x\uD800", "\u202Eevil", "🔥💥", "ＡＢＣ", "x".repeat(10_000),
            "", " ");
    private static final String DIGEST = "sha256:" + "0f".repeat(32);
    /** Fields whose value is never shown again (secrets, masked) or shown transformed. */
    private static final Set<String> NOT_ECHOED = Set.of("password", "access_token", "url", "level");

    static HeraldInstance herald;
    /** One connection for the thousands of digests taken. */
    static Handle sql;
    /** The digest taken after the last request, while no request has gone out since; else null. */
    static String settled;
    static ApiClient acme;
    static String configuration;
    static String selectorUuid;
    static String alertId;

    /** A route that writes, with a body it accepts. */
    record Target(String name, String method, String path, ObjectNode body, String echoedUnder) {
    }

    static void startOn(TestDatabase database) {
        // a cycle of an hour: relay and dispatch must not change the database while it is compared
        herald = HeraldInstance.start(database, Map.of("herald.cycle-timers.notifications", "3600"));
        sql = herald.database().jdbi().open();
        settled = null;
        Scenario scenario = new Scenario(herald);
        acme = scenario.newAccount();
        configuration = scenario.webhook(acme, "https://hooks.example/herald", List.of(selector("account", "*", "*", "*")));
        selectorUuid = acme.get("/v2/notifications/endpoints/webhook/configurations/" + configuration + "/selectors")
                .json().get(0).get("uuid").asText();
        alertId = scenario.alert(acme, Map.of("name", "stored alert"));
    }

    @AfterAll
    static void stop() {
        sql.close();
        herald.close();
    }

    static List<Target> targets() {
        String configurations = "/v2/notifications/endpoints/%s/configurations";
        String webhook = configurations.formatted("webhook");
        String alerts = "/api/scanning/v1/alerts";
        ObjectNode repositoryAlert = body("{\"name\":\"n\",\"description\":\"d\",\"enabled\":true,\"type\":\"repository\","
                + "\"repositories\":[{\"registry\":\"docker.io\",\"repository\":\"acme/api\",\"tag\":\"1.0\"}],"
                + "\"triggers\":{\"unscanned\":false,\"analysis_update\":true,\"policy_eval\":true,\"vuln_update\":true,"
                + "\"failed\":false},\"onlyPassFail\":true,\"autoscan\":false,\"skipEventSend\":false,"
                + "\"notificationChannelIds\":[\"" + configuration + "\"]}");
        return List.of(
                new Target("ingest an event", "POST", "/v2/events", body("{\"type\":\"user.image.analysis.failed\","
                        + "\"level\":\"error\",\"message\":\"m\",\"details\":{\"msg\":\"d\"},\"timestamp\":\"2026-11-21T09:08:54Z\","
                        + "\"resource\":{\"type\":\"image_tag\",\"id\":\"docker.io/a:1\"},\"source\":{\"service_name\":\"s\",\"host_id\":\"h\"}}"),
                        "event"),
                new Target("create a webhook", "POST", webhook, body("{\"url\":\"https://hooks.example/x\",\"description\":\"d\","
                        + "\"username\":\"u\",\"password\":\"p\",\"verify_ssl\":true,\"verify_tls\":true,\"timeout_seconds\":5}"), ""),
                new Target("replace a webhook", "PUT", webhook + "/{configuration}", body("{\"url\":\"https://hooks.example/x\","
                        + "\"description\":\"d\",\"username\":\"u\"}"), ""),
                new Target("create an email", "POST", configurations.formatted("smtp"), body("{\"host\":\"mail.example\","
                        + "\"port\":587,\"from\":\"a@b.example\",\"to\":\"c@d.example\",\"username\":\"u\",\"password\":\"p\","
                        + "\"use_tls\":true,\"description\":\"d\"}"), ""),
                new Target("create a slack", "POST", configurations.formatted("slack"), body("{\"url\":\"https://hooks.slack.com/s/x\"}"), ""),
                new Target("create a github", "POST", configurations.formatted("github"), body("{\"username\":\"u\","
                        + "\"access_token\":\"t\",\"owner\":\"o\",\"repository\":\"r\",\"milestone\":1,\"labels\":[\"a\"],"
                        + "\"assignees\":[\"b\"]}"), ""),
                new Target("create a jira", "POST", configurations.formatted("jira"), body("{\"url\":\"https://jira.example\","
                        + "\"username\":\"u\",\"password\":\"p\",\"project_key\":\"SEC\",\"issue_type\":\"Bug\",\"priority\":\"High\","
                        + "\"assignee\":\"me\",\"labels\":[\"a\"]}"), ""),
                new Target("test a teams", "POST", "/v2/notifications/endpoints/teams/test",
                        body("{\"url\":\"https://127.0.0.1:9/webhook\"}"), null),
                new Target("add a selector", "POST", webhook + "/{configuration}/selectors",
                        body("{\"scope\":\"account\",\"event\":{\"level\":\"*\",\"type\":\"user.*\",\"resource_type\":\"*\"}}"), ""),
                new Target("replace a selector", "PUT", webhook + "/{configuration}/selectors/{selector}",
                        body("{\"scope\":\"account\",\"event\":{\"level\":\"info\",\"type\":\"user.*\",\"resource_type\":\"*\"}}"), ""),
                new Target("switch an endpoint", "PUT", "/v2/notifications/endpoints/webhook", body("{\"enabled\":true}"), ""),
                new Target("create an account", "POST", "/v2/accounts", body("{\"name\":\"n\",\"email\":\"e@x.example\"}"), ""),
                new Target("create a user", "POST", "/v2/accounts/{account}/users",
                        body("{\"username\":\"someone\",\"password\":\"long enough\",\"role\":\"read-only\"}"), ""),
                new Target("create a repository alert", "POST", alerts, repositoryAlert, ""),
                new Target("create a runtime alert", "POST", alerts, body("{\"name\":\"n\",\"description\":\"d\","
                        + "\"enabled\":true,\"type\":\"runtime\",\"scope\":\"kubernetes.namespace.name = 'prod'\","
                        + "\"triggers\":{\"unscanned\":true},\"notificationChannelIds\":[\"" + configuration + "\"]}"), ""),
                new Target("replace an alert", "PUT", alerts + "/{alert}", repositoryAlert, ""),
                new Target("store a scan result", "POST", "/v2/scan-results", body("{\"image\":{\"registry\":\"ghcr.io\","
                        + "\"repository\":\"acme/api\",\"tag\":\"1.4\",\"digest\":\"" + DIGEST + "\"},\"policy\":{\"status\":\"fail\","
                        + "\"final_action\":\"stop\",\"policy_id\":\"default\"},\"vulnerabilities\":[{\"id\":\"CVE-2026-1\","
                        + "\"severity\":\"High\",\"package\":\"zlib\",\"version\":\"1.2\"}]}"), ""),
                new Target("store a Grype report", "POST", "/v2/scan-results?format=grype", body("{\"matches\":[],"
                        + "\"source\":{\"target\":{\"userInput\":\"acme/api:1.4\",\"tags\":[\"acme/api:1.4\"],"
                        + "\"repoDigests\":[\"acme/api@" + DIGEST + "\"],\"manifestDigest\":\"" + DIGEST + "\"}}}"), null),
                new Target("store a Trivy report", "POST", "/v2/scan-results", body("{\"ArtifactName\":\"acme/api:1.4\","
                        + "\"Metadata\":{\"RepoTags\":[\"acme/api:1.4\"],\"RepoDigests\":[\"acme/api@" + DIGEST + "\"],"
                        + "\"ImageID\":\"" + DIGEST + "\"},\"Results\":[]}"), null),
                new Target("report the runtime inventory", "POST", "/v2/runtime-inventory", body("{\"clusters\":[\"prod\"],"
                        + "\"containers\":[{\"image\":\"acme/api:1.4\",\"labels\":{\"kubernetes.cluster.name\":\"prod\"}}]}"), null));
    }

    @TestFactory
    Stream<DynamicTest> malformedJsonIsRefused() {
        return targets().stream().flatMap(target -> MALFORMED.stream().map(raw -> dynamicTest(target.name() + ": " + abbreviate(raw), () -> {
            String before = storedBefore();
            ApiResponse answer = send(target, raw);
            assertError(answer, 400, "BadRequest");
            assertNothingStoredChanged(before);
        })));
    }

    @TestFactory
    Stream<DynamicTest> aHugeBodyIsRefusedAsTooLarge() {
        String huge = "{\"description\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        return targets().stream().map(target -> dynamicTest(target.name() + ": 2 MiB", () -> {
            String before = storedBefore();
            assertError(send(target, huge), 413, "PayloadTooLarge");
            assertNothingStoredChanged(before);
        }));
    }

    @TestFactory
    Stream<DynamicTest> aWrongTypeInAnyFieldIsRefusedNamingIt() {
        return targets().stream().flatMap(target -> leaves(target.body(), "").stream()
                .flatMap(field -> WRONG_TYPES.stream()
                        .filter(wrong -> wrong.getNodeType() != at(target.body(), field).getNodeType())
                        .filter(wrong -> !field.startsWith("details"))
                        .map(wrong -> dynamicTest(target.name() + ": " + field + " = " + wrong, () -> {
                            String before = storedBefore();
                            ApiResponse answer = send(target, write(with(target.body(), field, wrong)));
                            assertThat(answer.status()).as(answer.toString()).isNotEqualTo(500);
                            assertError(answer, 400, "BadRequest");
                            assertThat(answer.body()).as("names the field").contains(last(field));
                            assertNothingStoredChanged(before);
                        }))));
    }

    @TestFactory
    Stream<DynamicTest> hostileTextIsRefusedOrKeptVerbatim() {
        return targets().stream().flatMap(target -> leaves(target.body(), "").stream()
                .filter(field -> at(target.body(), field).isTextual())
                .flatMap(field -> HOSTILE_TEXT.stream().map(text -> dynamicTest(target.name() + ": " + field + " = "
                        + abbreviate(text), () -> {
                    String before = storedBefore();
                    ApiResponse answer = send(target, write(with(target.body(), field, NODES.textNode(text))));
                    assertThat(answer.status()).as(answer.toString()).isNotEqualTo(500);
                    if (answer.status() >= 400) {
                        assertThat(answer.status()).isLessThan(500);
                        assertThat(answer.json()).as(answer.toString()).isNotNull();
                        assertThat(answer.json().has("error_type")).as(answer.toString()).isTrue();
                        assertNothingStoredChanged(before);
                    } else if (target.echoedUnder() != null && !NOT_ECHOED.contains(last(field))) {
                        JsonNode echoed = at(answer.json(), (target.echoedUnder().isEmpty() ? "" : target.echoedUnder() + ".") + field);
                        assertThat(echoed.asText()).as("kept verbatim").isEqualTo(text);
                    }
                }))));
    }

    private static ApiResponse send(Target target, String body) {
        settled = null;
        String path = target.path().replace("{configuration}", configuration).replace("{selector}", selectorUuid)
                .replace("{account}", acme.account()).replace("{alert}", alertId);
        ApiClient client = target.path().startsWith("/v2/accounts") || target.path().equals("/v2/notifications/endpoints/webhook")
                ? herald.api() : acme;
        return client.send(target.method(), path, body, "application/json");
    }

    /**
     * The digest of the stored rows before a request. Right after a check nothing has been sent, so
     * the digest that check took is still the state (relay and dispatch are idle, see startOn); a
     * change in between would fail the next check rather than pass unseen.
     */
    private static String storedBefore() {
        return settled != null ? settled : StoredRows.digest(sql);
    }

    private static void assertNothingStoredChanged(String before) {
        settled = StoredRows.digest(sql);
        assertThat(settled).as("nothing stored changed").isEqualTo(before);
    }

    private static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The paths of the scalar and array fields of a body (arrays as a whole). */
    private static List<String> leaves(JsonNode node, String path) {
        List<String> leaves = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getValue().isObject()) {
                leaves.addAll(leaves(field.getValue(), fieldPath));
            } else {
                leaves.add(fieldPath);
            }
        }
        return leaves;
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            current = current == null ? null : current.get(part);
        }
        return current == null ? NODES.missingNode() : current;
    }

    private static ObjectNode with(ObjectNode body, String path, JsonNode value) {
        ObjectNode copy = body.deepCopy();
        String[] parts = path.split("\\.");
        ObjectNode parent = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        parent.set(parts[parts.length - 1], value);
        return copy;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String abbreviate(String text) {
        String shown = text.replace("\u0000", "\\u0000").replace("\r", "\\r").replace("\n", "\\n");
        return shown.length() > 40 ? shown.substring(0, 40) + "…(" + shown.length() + ")" : shown;
    }
}
