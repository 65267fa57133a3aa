package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.ApiAssertions.assertNotFound;
import static dev.herald.support.Json.body;
import static dev.herald.support.Json.elements;
import static dev.herald.support.Json.fieldNames;
import static dev.herald.support.Json.with;
import static dev.herald.support.Json.without;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.Scenario;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Selectors on the real Main (DESIGN §4, the Anchore spec): {@code …/configurations/{uuid}/selectors}
 * and {@code GET /v2/notifications/selectors}: CRUD, validation, global scope for the admin account
 * only, 404s across configurations and accounts, and deletion with the configuration.
 */
class SelectorsApiTest extends ApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL_SELECTORS = "/v2/notifications/selectors";

    // ---------------------------------------------------------------- CRUD

    @Test
    void aSelectorIsCreatedReadListedReplacedAndDeleted() {
        ApiClient api = scenario.newAccount();
        String configuration = configuration(api, "webhook");
        String selectors = selectors("webhook", configuration);

        ApiResponse created = api.post(selectors, selector("account", "*", "user.checks.*", "*"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode json = created.json();
        assertThat(fieldNames(json)).containsExactlyInAnyOrder("uuid", "configuration_uuid", "scope", "event");
        String uuid = json.get("uuid").asText();
        assertThat(UUID.fromString(uuid).toString()).isEqualTo(uuid);
        assertThat(json.get("configuration_uuid").asText()).isEqualTo(configuration);
        assertThat(json.get("scope").asText()).isEqualTo("account");
        assertThat(json.get("event")).isEqualTo(JSON.valueToTree(
                Map.of("level", "*", "type", "user.checks.*", "resource_type", "*")));

        ApiResponse read = api.get(selectors + "/" + uuid);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(json);
        ApiResponse listed = api.get(selectors);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(elements(listed.json())).containsExactly(json);

        ApiResponse replaced = api.put(selectors + "/" + uuid, selector("account", "error", "user.checks.*", "image_tag"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        JsonNode expected = JSON.valueToTree(Map.of("uuid", uuid, "configuration_uuid", configuration, "scope", "account",
                "event", Map.of("level", "error", "type", "user.checks.*", "resource_type", "image_tag")));
        assertThat(replaced.json()).isEqualTo(expected);
        assertThat(api.get(selectors + "/" + uuid).json()).isEqualTo(expected);
        assertThat(elements(api.get(selectors).json())).containsExactly(expected);

        ApiResponse deleted = api.delete(selectors + "/" + uuid);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertNotFound(api.get(selectors + "/" + uuid));
        assertThat(elements(api.get(selectors).json())).isEmpty();
        assertThat(elements(api.get(ALL_SELECTORS).json())).isEmpty();
    }

    @Test
    void theAccountListHasEverySelectorOfTheAccountAcrossTypesAndNoneOfOthers() {
        ApiClient acme = scenario.newAccount();
        ApiClient other = scenario.newAccount();
        String webhook = configuration(acme, "webhook");
        String slack = configuration(acme, "slack");
        String jira = configuration(acme, "jira");
        String othersWebhook = configuration(other, "webhook");
        JsonNode userChecks = addSelector(acme, "webhook", webhook, selector("account", "*", "user.checks.*", "*"));
        JsonNode errors = addSelector(acme, "webhook", webhook, selector("account", "error", "*", "*"));
        JsonNode onSlack = addSelector(acme, "slack", slack, selector("account", "info", "user.image.analysis.completed", "image_tag"));
        JsonNode onJira = addSelector(acme, "jira", jira, selector("account", "*", "user.checks.tag.vulnerabilities.update", "*"));
        JsonNode othersSelector = addSelector(other, "webhook", othersWebhook, selector("account", "*", "*", "*"));

        ApiResponse all = acme.get(ALL_SELECTORS);

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(elements(all.json())).containsExactlyInAnyOrder(userChecks, errors, onSlack, onJira);
        assertThat(elements(all.json())).filteredOn(s -> s.get("configuration_uuid").asText().equals(slack))
                .containsExactly(onSlack);
        assertThat(all.body()).doesNotContain(othersWebhook).doesNotContain(othersSelector.get("uuid").asText());
        assertThat(elements(other.get(ALL_SELECTORS).json())).containsExactly(othersSelector);
        assertThat(elements(acme.get(selectors("webhook", webhook)).json())).containsExactlyInAnyOrder(userChecks, errors);
        assertThat(elements(acme.get(selectors("slack", slack)).json())).containsExactly(onSlack);
    }

    // ---------------------------------------------------------------- validation

    static Stream<Arguments> invalidSelectors() {
        Map<String, Object> event = Map.of("level", "*", "type", "user.checks.*", "resource_type", "*");
        return Stream.of(
                Arguments.of("missing scope", body("event", event), "scope", "is required"),
                Arguments.of("scope world", body("scope", "world", "event", event), "scope", null),
                Arguments.of("missing event", body("scope", "account"), "event", "is required"),
                Arguments.of("event not an object", body("scope", "account", "event", "user.checks.*"), "event", null),
                Arguments.of("missing event.level", body("scope", "account", "event", without(event, "level")),
                        "event.level", "is required"),
                Arguments.of("level warn", body("scope", "account", "event", with(event, "level", "warn")), "event.level", null),
                Arguments.of("missing event.type", body("scope", "account", "event", without(event, "type")),
                        "event.type", "is required"),
                Arguments.of("type User.*", body("scope", "account", "event", with(event, "type", "User.*")), "event.type", null),
                Arguments.of("type 'user checks'", body("scope", "account", "event", with(event, "type", "user checks")),
                        "event.type", null),
                Arguments.of("type user.$", body("scope", "account", "event", with(event, "type", "user.$")), "event.type", null),
                Arguments.of("missing event.resource_type", body("scope", "account", "event", without(event, "resource_type")),
                        "event.resource_type", "is required"),
                Arguments.of("empty event.resource_type", body("scope", "account", "event", with(event, "resource_type", "")),
                        "event.resource_type", null),
                Arguments.of("body is an array", List.of(body("scope", "account", "event", event)), "body", null),
                Arguments.of("resource_type imagetag", body("scope", "account", "event", with(event, "resource_type", "imagetag")),
                        "event.resource_type", null),
                Arguments.of("unknown field", body("scope", "account", "event", event, "enabled", true),
                        "enabled", "is not a known field"),
                Arguments.of("unknown event field", body("scope", "account", "event", with(event, "resourcetype", "*")),
                        "event.resourcetype", "is not a known field"),
                Arguments.of("unknown preset", body("preset", "everything"), "preset", null),
                Arguments.of("preset and fields", body("preset", "user-errors", "scope", "account", "event", event),
                        "preset", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSelectors")
    void anInvalidSelectorIsRefusedNamingTheFieldAndChangesNothing(String label, Object body, String field, String problem) {
        ApiClient api = scenario.newAccount();
        String configuration = configuration(api, "webhook");
        String selectors = selectors("webhook", configuration);
        JsonNode existing = addSelector(api, "webhook", configuration, selector("account", "*", "user.*", "*"));
        String uuid = existing.get("uuid").asText();

        for (ApiResponse refused : List.of(api.post(selectors, body), api.put(selectors + "/" + uuid, body))) {
            if (problem == null) {
                assertBadRequest(refused, field);
            } else {
                assertBadRequest(refused, field, problem);
            }
        }
        assertThat(api.get(selectors + "/" + uuid).json()).isEqualTo(existing);
        assertThat(elements(api.get(selectors).json())).containsExactly(existing);
    }

    @Test
    void malformedJsonIsRefusedAndChangesNothing() {
        ApiClient api = scenario.newAccount();
        String configuration = configuration(api, "webhook");
        String selectors = selectors("webhook", configuration);
        JsonNode existing = addSelector(api, "webhook", configuration, selector("account", "*", "user.*", "*"));
        String malformed = "{\"scope\": \"account\", \"event\": {\"level\": ";

        for (ApiResponse refused : List.of(
                api.send("POST", selectors, malformed, "application/json"),
                api.send("PUT", selectors + "/" + existing.get("uuid").asText(), malformed, "application/json"))) {
            assertError(refused, 400, "BadRequest");
            assertThat(refused.text("message")).containsIgnoringCase("JSON");
        }
        assertThat(elements(api.get(selectors).json())).containsExactly(existing);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"*", "image_digest", "image_tag", "image_reference", "repository", "feeds", "feed", "feed_group",
            "runtime_image", "service", "policy_bundle", "wisdom"})
    void aResourceTypeOfAnchoreOrOfHeraldsEventsIsAccepted(String resourceType) {
        ApiClient api = scenario.newAccount();
        String configuration = configuration(api, "webhook");

        ApiResponse created = api.post(selectors("webhook", configuration), selector("account", "*", "*", resourceType));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().at("/event/resource_type").asText()).isEqualTo(resourceType);
    }

    /** A selector stored before resource types were checked keeps working: listed, read, matched, deleted. */
    @Test
    void aStoredSelectorWithAResourceTypeNowRefusedStillWorks() {
        LoopbackReceiver receiver = new LoopbackReceiver();
        try {
            ApiClient api = scenario.newAccount();
            String configuration = scenario.webhook(api, receiver.url("/legacy"), List.of());
            String uuid = UUID.randomUUID().toString();
            herald.database().jdbi().useTransaction(handle -> {
                handle.createUpdate("INSERT INTO selectors (uuid, configuration_uuid, scope, event_level, event_type, "
                                + "event_resource_type, created_at) VALUES (?, ?, 'account', '*', '*', 'imagetag', ?)")
                        .bind(0, uuid).bind(1, configuration).bind(2, OffsetDateTime.now()).execute();
                handle.createUpdate("UPDATE configuration_version SET version = version + 1").execute();
            });
            String selector = selectors("webhook", configuration) + "/" + uuid;

            assertThat(api.get(selector).json().at("/event/resource_type").asText()).isEqualTo("imagetag");
            assertThat(elements(api.get(ALL_SELECTORS).json())).extracting(json -> json.get("uuid").asText()).contains(uuid);
            scenario.awaitSettled(scenario.post(api, Scenario.event("user.image.analysis.completed", "info", "imagetag")));
            assertThat(receiver.requestsTo("/legacy")).hasSize(1);
            assertBadRequest(api.put(selector, selector("account", "*", "*", "imagetag")), "event.resource_type");
            assertThat(api.delete(selector).status()).isEqualTo(200);
        } finally {
            receiver.close();
        }
    }

    // ---------------------------------------------------------------- global scope

    @Test
    void anAccountThatIsNotAdminCannotHaveGlobalSelectors() {
        ApiClient api = scenario.newAccount();
        String configuration = configuration(api, "webhook");
        String selectors = selectors("webhook", configuration);
        JsonNode existing = addSelector(api, "webhook", configuration, selector("account", "*", "*", "*"));

        assertError(api.post(selectors, selector("global", "*", "*", "*")), 403, "AccessDenied");
        assertError(api.put(selectors + "/" + existing.get("uuid").asText(), selector("global", "*", "*", "*")),
                403, "AccessDenied");

        assertThat(elements(api.get(selectors).json())).containsExactly(existing);
    }

    @Test
    void theAdminAccountCanHaveGlobalSelectors() {
        ApiClient admin = herald.api();
        String configuration = configuration(admin, "webhook");
        String selectors = selectors("webhook", configuration);
        try {
            ApiResponse created = admin.post(selectors, selector("global", "*", "*", "*"));

            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(created.text("scope")).isEqualTo("global");
            assertThat(created.text("configuration_uuid")).isEqualTo(configuration);
            assertThat(admin.get(selectors + "/" + created.text("uuid")).text("scope")).isEqualTo("global");
            ApiResponse deleted = admin.delete(selectors + "/" + created.text("uuid"));
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        } finally {
            admin.delete(configurations("webhook") + "/" + configuration);
        }
        assertNotFound(admin.get(configurations("webhook") + "/" + configuration));
    }

    // ---------------------------------------------------------------- what does not exist

    @Test
    void selectorsOfAnUnknownConfigurationAreNotFound() {
        ApiClient api = scenario.newAccount();
        String selectors = selectors("webhook", UUID.randomUUID().toString());

        assertNotFound(api.get(selectors));
        assertNotFound(api.post(selectors, selector("account", "*", "*", "*")));
        assertNotFound(api.get(selectors + "/" + UUID.randomUUID()));
        assertNotFound(api.put(selectors + "/" + UUID.randomUUID(), selector("account", "*", "*", "*")));
        assertNotFound(api.delete(selectors + "/" + UUID.randomUUID()));
        assertThat(elements(api.get(ALL_SELECTORS).json())).isEmpty();
    }

    @Test
    void anUnknownSelectorIsNotFound() {
        ApiClient api = scenario.newAccount();
        String configuration = configuration(api, "webhook");
        String unknown = selectors("webhook", configuration) + "/" + UUID.randomUUID();

        assertNotFound(api.get(unknown));
        assertNotFound(api.put(unknown, selector("account", "*", "*", "*")));
        assertNotFound(api.delete(unknown));
        assertThat(elements(api.get(selectors("webhook", configuration)).json())).as("a PUT does not create").isEmpty();
    }

    @Test
    void aSelectorAddressedUnderAnotherConfigurationIsNotFound() {
        ApiClient api = scenario.newAccount();
        String x = configuration(api, "webhook");
        String y = configuration(api, "webhook");
        String slack = configuration(api, "slack");
        JsonNode selector = addSelector(api, "webhook", x, selector("account", "*", "user.*", "*"));
        String uuid = selector.get("uuid").asText();

        for (String wrong : List.of(selectors("webhook", y) + "/" + uuid, selectors("slack", slack) + "/" + uuid,
                selectors("slack", x) + "/" + uuid)) {
            assertNotFound(api.get(wrong));
            assertNotFound(api.put(wrong, selector("account", "error", "*", "*")));
            assertNotFound(api.delete(wrong));
        }

        assertThat(api.get(selectors("webhook", x) + "/" + uuid).json()).isEqualTo(selector);
        assertThat(elements(api.get(selectors("webhook", y)).json())).isEmpty();
        assertThat(elements(api.get(ALL_SELECTORS).json())).containsExactly(selector);
    }

    @Test
    void anotherAccountsSelectorDoesNotExistForAnAccount() {
        ApiClient owner = scenario.newAccount();
        ApiClient stranger = scenario.newAccount();
        String configuration = configuration(owner, "webhook");
        JsonNode selector = addSelector(owner, "webhook", configuration, selector("account", "*", "user.*", "*"));
        String one = selectors("webhook", configuration) + "/" + selector.get("uuid").asText();

        assertNotFound(stranger.get(one));
        assertNotFound(stranger.put(one, selector("account", "error", "*", "*")));
        assertNotFound(stranger.delete(one));
        assertNotFound(stranger.get(selectors("webhook", configuration)));
        assertNotFound(stranger.post(selectors("webhook", configuration), selector("account", "*", "*", "*")));
        assertThat(elements(stranger.get(ALL_SELECTORS).json())).isEmpty();

        assertThat(owner.get(one).json()).isEqualTo(selector);
        assertThat(elements(owner.get(ALL_SELECTORS).json())).containsExactly(selector);
    }

    // ---------------------------------------------------------------- lifecycle with the configuration

    @Test
    void deletingAConfigurationDeletesItsSelectors() {
        ApiClient api = scenario.newAccount();
        String doomed = configuration(api, "webhook");
        String kept = configuration(api, "teams");
        JsonNode first = addSelector(api, "webhook", doomed, selector("account", "*", "user.*", "*"));
        JsonNode second = addSelector(api, "webhook", doomed, selector("account", "error", "system.*", "*"));
        JsonNode survivor = addSelector(api, "teams", kept, selector("account", "*", "*", "*"));
        assertThat(elements(api.get(ALL_SELECTORS).json())).containsExactlyInAnyOrder(first, second, survivor);

        ApiResponse deleted = api.delete(configurations("webhook") + "/" + doomed);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(elements(api.get(ALL_SELECTORS).json())).containsExactly(survivor);
        assertNotFound(api.get(selectors("webhook", doomed) + "/" + first.get("uuid").asText()));
        int stored = herald.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT COUNT(*) FROM selectors WHERE configuration_uuid = ?")
                .bind(0, doomed).mapTo(Integer.class).one());
        assertThat(stored).isZero();
    }

    // ---------------------------------------------------------------- helpers

    static String configurations(String type) {
        return "/v2/notifications/endpoints/" + type + "/configurations";
    }

    static String selectors(String type, String configuration) {
        return configurations(type) + "/" + configuration + "/selectors";
    }

    /** Creates a valid configuration of the type; returns its uuid. */
    static String configuration(ApiClient api, String type) {
        Map<String, Object> body = switch (type) {
            case "webhook" -> body("url", "https://hooks.example.com/herald");
            case "slack" -> body("url", "https://hooks.slack.com/services/T01/B02/slackToken");
            case "teams" -> body("url", "https://acme.webhook.office.com/webhookb2/abc/IncomingWebhook/def/sig");
            case "jira" -> body("url", "https://acme.atlassian.net", "username", "bot@acme.io", "password", "token",
                    "project_key", "SEC", "issue_type", "Bug");
            default -> throw new IllegalArgumentException(type);
        };
        ApiResponse created = api.post(configurations(type), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.text("uuid");
    }

    static JsonNode addSelector(ApiClient api, String type, String configuration, Map<String, Object> selector) {
        ApiResponse added = api.post(selectors(type, configuration), selector);
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        return added.json();
    }
}
