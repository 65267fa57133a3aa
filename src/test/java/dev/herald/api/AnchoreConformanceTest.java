package dev.herald.api;

import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.AnchoreSpec;
import dev.herald.support.AnchoreSpec.CheckedAnswer;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.EndpointPeers;
import dev.herald.support.Json;
import dev.herald.support.Scenario;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Herald against Anchore's published schemas, to the letter: a scenario goes through every one of
 * the 86 operations of anchore-notifications-v2.yaml (notifications, events, event types), for each
 * of the six endpoint types, created with the required fields only and then with every field, and every answer
 * is validated against the spec file by Atlassian's OpenAPI validator. One test per operation of the
 * spec, enumerated from the file, so an operation the scenario skips fails too.
 */
class AnchoreConformanceTest extends ApiTestBase {

    private static final String CONFIGURATIONS = "/notifications/endpoints/%s/configurations";

    private static EndpointPeers peers;
    private static AnchoreSpec spec;

    @BeforeAll
    static void goThroughEveryOperation() {
        peers = new EndpointPeers();
        spec = new AnchoreSpec();
        ApiClient api = scenario.newAccount();
        for (String type : EndpointPeers.TYPES) {
            configurationOperations(api, type);
        }
        endpointOperations();
        eventOperations(api);
    }

    @AfterAll
    static void stopPeers() {
        if (peers != null) {
            peers.close();
        }
    }

    @Test
    void theSpecHasTheOperationsTheIssueCounts() {
        assertThat(spec.operations()).hasSize(86);
    }

    @TestFactory
    Stream<DynamicTest> everyAnswerOfEveryOperationConformsToTheSpec() {
        return spec.operations().stream().map(operation -> DynamicTest.dynamicTest(operation, () -> {
            List<CheckedAnswer> answers = spec.answers(operation);
            assertThat(answers)
                    .as("the answers to %s, each with what the spec's schemas refuse in it", operation)
                    .isNotEmpty()
                    .allSatisfy(answer -> assertThat(answer.problems()).as(answer.request() + " → " + answer.response())
                            .isEmpty());
        }));
    }

    /** The 13 operations of one endpoint type, with the type's required fields only. */
    private static void configurationOperations(ApiClient api, String type) {
        String configurations = CONFIGURATIONS.formatted(type);
        Map<String, Object> body = minimal(type);

        ApiResponse created = spec.call(api, "POST", configurations, Map.of(), null, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        Map<String, String> configuration = Map.of("uuid", created.text("uuid"));
        spec.call(api, "GET", configurations, Map.of());
        spec.call(api, "GET", configurations + "/{uuid}", configuration);
        spec.call(api, "GET", configurations + "/{uuid}", Map.of("uuid", UUID.randomUUID().toString()));
        spec.call(api, "PUT", configurations + "/{uuid}", configuration, null, full(type));
        spec.call(api, "GET", configurations + "/{uuid}", configuration);
        spec.call(api, "GET", configurations + "/{uuid}/test", configuration);
        spec.call(api, "GET", configurations + "/{uuid}/status", configuration);
        spec.call(api, "POST", "/notifications/endpoints/" + type + "/test", Map.of(), null, body);

        String selectors = configurations + "/{uuid}/selectors";
        ApiResponse added = spec.call(api, "POST", selectors, configuration, null,
                selector("account", "*", "user.checks.*", "*"));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        spec.call(api, "GET", selectors, configuration);
        String selector = configurations + "/{configuration_uuid}/selectors/{selector_uuid}";
        Map<String, String> both = Map.of("configuration_uuid", created.text("uuid"), "selector_uuid", added.text("uuid"));
        spec.call(api, "GET", selector, both);
        spec.call(api, "PUT", selector, both, null, selector("account", "error", "user.*", "image_tag"));
        spec.call(api, "DELETE", selector, both);
        spec.call(api, "DELETE", configurations + "/{uuid}", configuration);
    }

    /** The endpoint list and switch (admin), and the account's selectors across configurations. */
    private static void endpointOperations() {
        ApiClient admin = herald.api();
        spec.call(admin, "GET", "/notifications/endpoints", Map.of());
        spec.call(admin, "PUT", "/notifications/endpoints/{name}", Map.of("name", "webhook"), null,
                Map.of("enabled", true));
        Scenario.createWebhook(admin, Map.of("url", peers.receiver.url("/hook")),
                List.of(selector("account", "*", "*", "*")));
        spec.call(admin, "GET", "/notifications/selectors", Map.of());
    }

    /** Events as a scanner posts them (no request_id, no base_url), listed, read and deleted. */
    private static void eventOperations(ApiClient api) {
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES);
        List<String> ids = scenario.postAll(api, List.of(
                Scenario.event("user.checks.tag.policy_evaluation.update", "info", "image_tag"),
                Scenario.event("system.feeds.sync.failed", "error", "feeds"),
                Scenario.event("user.image.analysis.completed", "info", "image_digest")));
        spec.call(api, "GET", "/event-types", Map.of());
        spec.call(api, "GET", "/events", Map.of());
        spec.call(api, "GET", "/events", Map.of(), "level=error&limit=1", null);
        spec.call(api, "GET", "/events/{event_id}", Map.of("event_id", ids.get(0)));
        spec.call(api, "GET", "/events/{event_id}", Map.of("event_id", UUID.randomUUID().toString()));
        spec.call(api, "DELETE", "/events/{event_id}", Map.of("event_id", ids.get(0)));
        spec.call(api, "DELETE", "/events", Map.of(), "since=" + start, null);
    }

    /** A configuration of the type with every field set, Herald's additions too. */
    private static Map<String, Object> full(String type) {
        Map<String, Object> full = new LinkedHashMap<>(peers.working(type, "conformance"));
        full.put("description", "every field of " + type);
        full.put("verify_tls", true);
        full.put("timeout_seconds", 10);
        full.put("rate_limit_per_second", 5);
        switch (type) {
            case "github" -> {
                full.put("milestone", 3);
                full.put("labels", List.of("security"));
                full.put("assignees", List.of("octocat"));
            }
            case "jira" -> {
                full.put("priority", "High");
                full.put("assignee", "jsmith");
                full.put("labels", List.of("security"));
            }
            case "webhook" -> full.put("verify_ssl", true);
            default -> {
                // smtp's username, password and use_tls are in the working configuration already
            }
        }
        return full;
    }

    /** A configuration of the type with its required fields only, delivering to its loopback peer. */
    private static Map<String, Object> minimal(String type) {
        Map<String, Object> working = peers.working(type, "conformance");
        return switch (type) {
            case "smtp", "webhook" -> Json.without(Json.without(working, "username"), "password");
            default -> working;
        };
    }
}
