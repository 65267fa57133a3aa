package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.ApiAssertions.assertNotFound;
import static dev.herald.support.ApiAssertions.assertRequired;
import static dev.herald.support.Json.body;
import static dev.herald.support.Json.elements;
import static dev.herald.support.Json.fieldNames;
import static dev.herald.support.Json.with;
import static dev.herald.support.Json.without;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/scanning/v1/alerts} on the real Main (DESIGN §7, Sysdig's shapes): every route,
 * defaults, search and cursor paging, validation (nothing stored changes on a refusal), account
 * isolation and roles. Every test works in an account of its own.
 */
class AlertsApiTest extends ApiTestBase {

    private static final String ALERTS = "/api/scanning/v1/alerts";
    private static final List<String> FIELDS = List.of("alertId", "name", "description", "enabled", "type", "scope",
            "repositories", "triggers", "onlyPassFail", "autoscan", "skipEventSend", "notificationChannelIds", "createdAt",
            "updatedAt");

    private static String channel(ApiClient api) {
        return scenario.webhook(api, "http://127.0.0.1:9/nowhere", List.of());
    }

    private static Map<String, Object> repositoryAlert(String name, List<String> channels) {
        return body("name", name, "description", "acme images", "enabled", true, "type", "repository",
                "repositories", List.of(Map.of("registry", "docker.io", "repository", "acme/api", "tag", "*")),
                "triggers", Map.of("unscanned", false, "analysis_update", true, "policy_eval", true, "vuln_update", true,
                        "failed", false),
                "onlyPassFail", true, "notificationChannelIds", channels);
    }

    private static Map<String, Object> runtimeAlert(String name) {
        return body("name", name, "type", "runtime", "scope", "kubernetes.namespace.name = \"prod\"");
    }

    // ---------------------------------------------------------------- create, read, list, replace, delete

    @Test
    void anAlertIsCreatedReadListedReplacedAndDeleted() {
        ApiClient api = scenario.newAccount();
        String slack = channel(api);
        String webhook = channel(api);

        ApiResponse created = api.post(ALERTS, repositoryAlert("acme on Docker Hub", List.of(slack, webhook)));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode alert = created.json();
        assertThat(fieldNames(alert)).containsExactlyElementsOf(FIELDS);
        String alertId = alert.get("alertId").asText();
        assertThat(UUID.fromString(alertId).toString()).isEqualTo(alertId);
        assertThat(alert.get("name").asText()).isEqualTo("acme on Docker Hub");
        assertThat(alert.get("type").asText()).isEqualTo("repository");
        assertThat(alert.get("scope").asText()).isEmpty();
        assertThat(alert.get("repositories")).isEqualTo(Json.tree(List.of(
                Map.of("registry", "docker.io", "repository", "acme/api", "tag", "*"))));
        assertThat(alert.get("triggers")).isEqualTo(Json.tree(Map.of("unscanned", false, "analysis_update", true,
                "policy_eval", true, "vuln_update", true, "failed", false)));
        assertThat(alert.get("onlyPassFail").booleanValue()).isTrue();
        assertThat(alert.get("notificationChannelIds")).isEqualTo(Json.tree(List.of(slack, webhook)));
        Instant createdAt = Instant.parse(alert.get("createdAt").asText());
        assertThat(Instant.parse(alert.get("updatedAt").asText())).isEqualTo(createdAt);

        assertThat(api.get(ALERTS + "/" + alertId).json()).isEqualTo(alert);
        assertThat(api.get(ALERTS).json().get("alerts")).isEqualTo(Json.tree(List.of(alert)));

        ApiResponse replaced = api.put(ALERTS + "/" + alertId, runtimeAlert("prod, unscanned"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        JsonNode now = replaced.json();
        assertThat(now.get("alertId").asText()).isEqualTo(alertId);
        assertThat(now.get("type").asText()).isEqualTo("runtime");
        assertThat(now.get("scope").asText()).isEqualTo("kubernetes.namespace.name = \"prod\"");
        assertThat(now.get("repositories")).isEmpty();
        assertThat(now.get("notificationChannelIds")).as("a full replace: omitted means none").isEmpty();
        assertThat(now.get("description").asText()).isEmpty();
        assertThat(now.get("createdAt").asText()).isEqualTo(alert.get("createdAt").asText());
        assertThat(Instant.parse(now.get("updatedAt").asText())).isAfter(createdAt);
        assertThat(api.get(ALERTS + "/" + alertId).json()).isEqualTo(now);

        ApiResponse deleted = api.delete(ALERTS + "/" + alertId);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertNotFound(api.get(ALERTS + "/" + alertId));
        assertNotFound(api.delete(ALERTS + "/" + alertId));
        assertThat(api.get(ALERTS).json().get("alerts")).isEmpty();
    }

    @Test
    void aRuntimeAlertTakesSysdigsDefaults() {
        ApiClient api = scenario.newAccount();

        JsonNode alert = api.post(ALERTS, body("name", "everywhere")).json();

        assertThat(alert.get("type").asText()).as("Sysdig's older clients send no type").isEqualTo("runtime");
        assertThat(alert.get("enabled").booleanValue()).isTrue();
        assertThat(alert.get("description").asText()).isEmpty();
        assertThat(alert.get("scope").asText()).isEmpty();
        assertThat(alert.get("triggers")).isEqualTo(Json.tree(Map.of("unscanned", true, "analysis_update", false,
                "policy_eval", false, "vuln_update", false, "failed", false)));
        assertThat(alert.get("onlyPassFail").booleanValue()).isFalse();
        assertThat(alert.get("autoscan").booleanValue()).isFalse();
        assertThat(alert.get("skipEventSend").booleanValue()).isFalse();
        assertThat(alert.get("notificationChannelIds")).isEmpty();
    }

    @Test
    void aRepositoryAlertWithoutTriggersFiresOnNewImagesAnalysed() {
        ApiClient api = scenario.newAccount();

        JsonNode alert = api.post(ALERTS, without(without(repositoryAlert("acme", List.of()), "triggers"), "onlyPassFail")).json();

        assertThat(alert.get("triggers")).isEqualTo(Json.tree(Map.of("unscanned", false, "analysis_update", true,
                "policy_eval", false, "vuln_update", false, "failed", false)));
    }

    @Test
    void theScopeAndSysdigsOwnFieldsComeBackAsSent() {
        ApiClient api = scenario.newAccount();
        String scope = "  kubernetes.cluster.name in ('eu-1',\"us-2\")   AND container.image != \"alpine:latest\"";

        JsonNode alert = api.post(ALERTS, body("name", "sysdig client", "scope", scope, "autoscan", true, "skipEventSend", true,
                "triggers", Map.of("unscanned", true, "failed", true))).json();

        assertThat(alert.get("scope").asText()).isEqualTo(scope);
        assertThat(alert.get("autoscan").booleanValue()).isTrue();
        assertThat(alert.get("skipEventSend").booleanValue()).isTrue();
        assertThat(alert.at("/triggers/failed").booleanValue()).isTrue();
    }

    @Test
    void anAlertReadCanBeSentBackAsItIs() {
        ApiClient api = scenario.newAccount();
        ObjectNode alert = (ObjectNode) api.post(ALERTS, repositoryAlert("round trip", List.of(channel(api)))).json();

        ApiResponse replaced = api.put(ALERTS + "/" + alert.get("alertId").asText(), alert);

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        ObjectNode expected = alert.deepCopy();
        ObjectNode actual = (ObjectNode) replaced.json();
        expected.remove("updatedAt");
        actual.remove("updatedAt");
        assertThat(actual).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- duplicate

    @Test
    void anAlertIsDuplicatedAsACopyWithANewId() {
        ApiClient api = scenario.newAccount();
        JsonNode original = api.post(ALERTS, repositoryAlert("CVEs of acme", List.of(channel(api)))).json();

        ApiResponse duplicated = api.post(ALERTS + "/" + original.get("alertId").asText() + "/duplicate", null);

        assertThat(duplicated.status()).as(duplicated.toString()).isEqualTo(200);
        JsonNode copy = duplicated.json();
        assertThat(copy.get("alertId").asText()).isNotEqualTo(original.get("alertId").asText());
        assertThat(copy.get("name").asText()).isEqualTo("Copy of CVEs of acme");
        for (String field : List.of("description", "enabled", "type", "scope", "repositories", "triggers", "onlyPassFail",
                "notificationChannelIds")) {
            assertThat(copy.get(field)).as(field).isEqualTo(original.get(field));
        }
        assertThat(api.get(ALERTS + "/" + copy.get("alertId").asText()).json()).isEqualTo(copy);
        assertThat(elements(api.get(ALERTS).json().get("alerts"))).extracting(alert -> alert.get("name").asText())
                .containsExactly("CVEs of acme", "Copy of CVEs of acme");
        assertNotFound(api.post(ALERTS + "/" + UUID.randomUUID() + "/duplicate", null));
    }

    // ---------------------------------------------------------------- search and paging

    @Test
    void theListIsSearchedByAnyPartOfTheNameInAnyCase() {
        ApiClient api = scenario.newAccount();
        for (String name : List.of("Prod unscanned", "CVEs in PRODUCTION", "dev images", "100% prod_like")) {
            scenario.alert(api, body("name", name));
        }

        assertThat(names(api.get(ALERTS + "?name=prod"))).containsExactly("Prod unscanned", "CVEs in PRODUCTION", "100% prod_like");
        assertThat(names(api.get(ALERTS + "?name=DEV"))).containsExactly("dev images");
        assertThat(names(api.get(ALERTS + "?name=%25"))).as("% is a character, not a wildcard").containsExactly("100% prod_like");
        assertThat(names(api.get(ALERTS + "?name=v_i"))).as("_ is a character, not a wildcard").isEmpty();
        assertThat(names(api.get(ALERTS + "?name=d_l"))).containsExactly("100% prod_like");
        assertThat(names(api.get(ALERTS + "?name=nothing"))).isEmpty();
    }

    @Test
    void aLongListIsPagedWithACursorInTheOrderOfCreation() {
        ApiClient api = scenario.newAccount();
        List<String> created = IntStream.rangeClosed(1, 8).mapToObj(i -> scenario.alert(api, body("name", "alert " + i))).toList();

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page = api.get(ALERTS + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(fieldNames(page.json())).containsExactly("alerts", "responseMetadata");
            elements(page.json().get("alerts")).forEach(alert -> seen.add(alert.get("alertId").asText()));
            pageSizes.add(page.json().get("alerts").size());
            JsonNode next = page.json().at("/responseMetadata/next_cursor");
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(3, 3, 2);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void theLastPageHasNoNextCursorAndSearchPagesToo() {
        ApiClient api = scenario.newAccount();
        IntStream.rangeClosed(1, 5).forEach(i -> scenario.alert(api, body("name", (i % 2 == 0 ? "even " : "odd ") + i)));

        JsonNode first = api.get(ALERTS + "?name=odd&limit=2").json();
        assertThat(names(first)).containsExactly("odd 1", "odd 3");
        String cursor = first.at("/responseMetadata/next_cursor").asText();
        JsonNode last = api.get(ALERTS + "?name=odd&limit=2&cursor=" + cursor).json();
        assertThat(names(last)).containsExactly("odd 5");
        assertThat(last.at("/responseMetadata/next_cursor").isNull()).isTrue();
        assertThat(api.get(ALERTS + "?limit=5").json().at("/responseMetadata/next_cursor").isNull())
                .as("exactly a page full: no next page").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "limit=ten", "limit=-1", "cursor=nonsense", "cursor=YWxlcnRzLWFmdGVyOng",
            "cursor=%F0%9F%94%A5"})
    void aBadLimitOrCursorIsRefusedNamingIt(String query) {
        ApiClient api = scenario.newAccount();

        assertBadRequest(api.get(ALERTS + "?" + query), query.substring(0, query.indexOf('=')));
    }

    // ---------------------------------------------------------------- validation

    static Stream<Arguments> refusedAlerts() {
        Map<String, Object> wildcardRegistry = with(with(repositoryAlert("w", List.of()), "repositories",
                List.of(Map.of("registry", "*", "repository", "acme/api", "tag", "1.0"))), "triggers", Map.of("policy_eval", true));
        return Stream.of(
                Arguments.of("a wildcard registry with policy_eval", wildcardRegistry, "triggers.policy_eval",
                        "is not allowed when a repository has a wildcard in its registry or repository (* / acme/api): "
                                + "only analysis_update is"),
                Arguments.of("a bad scope", body("name", "n", "scope", "kubernetes.namespace.name is \"prod\""), "scope",
                        "expected '=', '!=' or 'in' at position 27 near \"is\""),
                Arguments.of("a runtime alert with repositories", with(runtimeAlert("r"), "repositories",
                        List.of(Map.of("registry", "docker.io", "repository", "acme/api", "tag", "1"))), "repositories",
                        "must be empty for a runtime alert, which takes a scope"),
                Arguments.of("a repository alert without repositories", without(repositoryAlert("n", List.of()), "repositories"),
                        "repositories", "must name at least one repository for a repository alert"),
                Arguments.of("no trigger", with(runtimeAlert("n"), "triggers", Map.of("unscanned", false)), "triggers",
                        "must set at least one of unscanned, analysis_update, policy_eval, vuln_update to true"),
                Arguments.of("an unknown field", with(runtimeAlert("n"), "severity", "high"), "severity", "is not a known field"),
                Arguments.of("a type of neither kind", with(runtimeAlert("n"), "type", "image"), "type",
                        "must be one of runtime, repository"),
                Arguments.of("a name too long", body("name", "x".repeat(256)), "name", "must be at most 255 characters"),
                Arguments.of("a channel that does not exist", body("name", "n", "notificationChannelIds",
                        List.of(UUID.randomUUID().toString())), "notificationChannelIds[0]",
                        "is not an endpoint configuration of this account"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAlerts")
    void anAlertBreakingARuleIsRefusedNamingTheFieldAndNothingChanges(String name, Map<String, Object> alert, String field,
            String problem) {
        ApiClient api = scenario.newAccount();
        String stored = scenario.alert(api, runtimeAlert("stored"));
        JsonNode before = api.get(ALERTS).json();

        assertBadRequest(api.post(ALERTS, alert), field, problem);
        assertBadRequest(api.put(ALERTS + "/" + stored, alert), field, problem);

        assertThat(api.get(ALERTS).json()).isEqualTo(before);
    }

    @Test
    void aRequiredNameIsSaidToBe() {
        assertRequired(scenario.newAccount().post(ALERTS, body("scope", "")), "name");
    }

    @Test
    void aChannelOfAnotherAccountIsRefusedAsIfItDidNotExist() {
        ApiClient acme = scenario.newAccount();
        String othersChannel = channel(scenario.newAccount());

        assertBadRequest(acme.post(ALERTS, body("name", "n", "notificationChannelIds", List.of(othersChannel))),
                "notificationChannelIds[0]", "is not an endpoint configuration of this account");
        assertThat(acme.get(ALERTS).json().get("alerts")).isEmpty();
    }

    @Test
    void aBodyThatIsNoObjectIsRefused() {
        ApiClient api = scenario.newAccount();

        assertBadRequest(api.post(ALERTS, List.of(runtimeAlert("n"))), "body");
        assertError(api.send("POST", ALERTS, "{\"name\":", "application/json"), 400, "BadRequest");
        assertError(api.send("POST", ALERTS, "name=n", "application/x-www-form-urlencoded"), 415, "UnsupportedMediaType");
    }

    // ---------------------------------------------------------------- accounts and roles

    @Test
    void anotherAccountsAlertDoesNotExistButTheAdminMayActForItsAccount() {
        ApiClient acme = scenario.newAccount();
        ApiClient other = scenario.newUser(scenario.newAccount().account(), "read-write");
        String alert = ALERTS + "/" + scenario.alert(acme, runtimeAlert("acme's"));

        assertNotFound(other.get(alert));
        assertNotFound(other.put(alert, runtimeAlert("taken over")));
        assertNotFound(other.delete(alert));
        assertNotFound(other.post(alert + "/duplicate", null));
        assertThat(other.get(ALERTS).json().get("alerts")).isEmpty();
        assertNotFound(herald.api().get(alert));

        assertThat(acme.get(alert).text("name")).as("the admin acting for acme").isEqualTo("acme's");
    }

    @Test
    void aReadOnlyUserReadsAlertsButCannotChangeThem() {
        ApiClient admin = scenario.newAccount();
        ApiClient readOnly = scenario.newUser(admin.account(), "read-only");
        String alert = ALERTS + "/" + scenario.alert(admin, runtimeAlert("watched"));

        assertThat(readOnly.get(ALERTS).status()).isEqualTo(200);
        assertThat(readOnly.get(alert).status()).isEqualTo(200);
        assertError(readOnly.post(ALERTS, runtimeAlert("mine")), 403, "AccessDenied");
        assertError(readOnly.put(alert, runtimeAlert("changed")), 403, "AccessDenied");
        assertError(readOnly.delete(alert), 403, "AccessDenied");
        assertError(readOnly.post(alert + "/duplicate", null), 403, "AccessDenied");
        assertThat(names(admin.get(ALERTS))).containsExactly("watched");
    }

    @Test
    void theRoutesAreInTheApiDocument() {
        JsonNode paths = herald.api().get("/api-doc").json().get("paths");

        assertThat(fieldNames(paths)).contains(ALERTS, ALERTS + "/{alertId}", ALERTS + "/{alertId}/duplicate");
        assertThat(fieldNames(paths.get(ALERTS))).contains("get", "post");
        assertThat(fieldNames(paths.get(ALERTS + "/{alertId}"))).contains("get", "put", "delete");
    }

    private static List<String> names(ApiResponse page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return names(page.json());
    }

    private static List<String> names(JsonNode page) {
        return elements(page.get("alerts")).stream().map(alert -> alert.get("name").asText()).toList();
    }
}
