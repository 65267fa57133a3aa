package dev.herald.api;

import static dev.herald.api.SelectorsApiTest.configuration;
import static dev.herald.api.SelectorsApiTest.selectors;
import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.Json.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.Scenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A selector's min_severity and filter through the real Main: stored, answered (and left out when
 * unset, so answers keep Anchore's shape), refused with the field and the CEL error's position, and
 * applied by the relay: a webhook receives only the events they let through, its vulnerability
 * lists cut to the floor.
 */
class SelectorFiltersApiTest extends ApiTestBase {

    private static Map<String, Object> filtered(String type, Object minSeverity, Object filter) {
        Map<String, Object> selector = new LinkedHashMap<>(Scenario.selector("account", "*", type, "*"));
        if (minSeverity != null) {
            selector.put("min_severity", minSeverity);
        }
        if (filter != null) {
            selector.put("filter", filter);
        }
        return selector;
    }

    @Test
    void bothFieldsAreStoredAnsweredReplacedAndLeftOutWhenUnset() {
        ApiClient api = scenario.newAccount();
        String selectors = selectors("webhook", configuration(api, "webhook"));

        ApiResponse created = api.post(selectors, filtered("user.checks.*", "High",
                "event.resource.id.startsWith('docker.io/acme/')"));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(fieldNames(created.json())).containsExactlyInAnyOrder("uuid", "configuration_uuid", "scope", "event",
                "min_severity", "filter");
        assertThat(created.text("min_severity")).isEqualTo("High");
        assertThat(created.text("filter")).isEqualTo("event.resource.id.startsWith('docker.io/acme/')");
        String one = selectors + "/" + created.text("uuid");
        assertThat(api.get(one).json()).isEqualTo(created.json());

        ApiResponse replaced = api.put(one, filtered("user.checks.*", null, null));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(fieldNames(replaced.json())).containsExactlyInAnyOrder("uuid", "configuration_uuid", "scope", "event");
        assertThat(fieldNames(api.get(one).json())).doesNotContain("min_severity", "filter");

        Map<String, Object> preset = new LinkedHashMap<>(Map.of("preset", "user-errors", "min_severity", "Critical"));
        ApiResponse fromPreset = api.post(selectors, preset);
        assertThat(fromPreset.status()).as(fromPreset.toString()).isEqualTo(200);
        assertThat(fromPreset.text("min_severity")).isEqualTo("Critical");
    }

    @Test
    void aFilterThatDoesNotCompileIsRefusedWithWhereItGoesWrong() {
        ApiClient api = scenario.newAccount();
        String selectors = selectors("webhook", configuration(api, "webhook"));

        ApiResponse syntax = api.post(selectors, filtered("*", null, "event.type == 'x' &&"));
        ApiResponse undeclared = api.post(selectors, filtered("*", null, "event.level == 'error' || evnt.type == 'x'"));
        ApiResponse notBoolean = api.post(selectors, filtered("*", null, "size(event.details)"));

        assertBadRequest(syntax, "filter");
        assertThat(problem(syntax)).startsWith("is not a valid CEL expression: line 1, column 21: ");
        assertBadRequest(undeclared, "filter");
        assertThat(problem(undeclared)).startsWith("is not a valid CEL expression: line 1, column 27: ")
                .contains("evnt");
        assertBadRequest(notBoolean, "filter");
        assertThat(problem(notBoolean)).contains("line 1, column 5", "bool");
        assertThat(api.get(selectors).json()).isEmpty();
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        ApiClient api = scenario.newAccount();
        String selectors = selectors("webhook", configuration(api, "webhook"));

        assertBadRequest(api.post(selectors, filtered("*", "Severe", null)), "min_severity",
                "must be one of Critical, High, Medium, Low, Negligible, Unknown");
        assertBadRequest(api.post(selectors, filtered("*", 3, null)), "min_severity");
        assertBadRequest(api.post(selectors, filtered("*", null, "")), "filter", "must not be empty");
        assertBadRequest(api.post(selectors, filtered("*", null, List.of("event.level == 'error'"))), "filter",
                "must be a string");
        assertBadRequest(api.post(selectors, filtered("*", null, "true || ".repeat(300) + "true")), "filter",
                "must be at most 2000 characters");
    }

    @Test
    void theRelayAppliesBothAndTheMessageListsOnlyTheVulnerabilitiesAtOrAboveTheFloor() {
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            ApiClient api = scenario.newAccount();
            scenario.webhook(api, receiver.url("/high"), List.of(filtered("user.checks.*", "High", null)));
            scenario.webhook(api, receiver.url("/acme-failures"), List.of(filtered("user.checks.*", null,
                    "event.resource.id.startsWith('docker.io/acme/') && event.details.curr_eval.status == 'fail'")));

            String mixed = scenario.post(api, vulnerabilityUpdate(List.of("Critical", "Low"), List.of("High", "Medium")));
            String onlyLow = scenario.post(api, vulnerabilityUpdate(List.of("Low"), List.of("Negligible")));
            Map<String, Object> failing = Scenario.event("user.checks.tag.policy_evaluation.update", "info", "image_tag");
            String failure = scenario.post(api, failing);
            Map<String, Object> elsewhere = new LinkedHashMap<>(failing);
            elsewhere.put("resource", Map.of("type", "image_tag", "id", "ghcr.io/other/api:2"));
            String otherRegistry = scenario.post(api, elsewhere);
            scenario.awaitSettled(List.of(mixed, onlyLow, failure, otherRegistry));

            List<JsonNode> high = receiver.requestsTo("/high").stream().map(LoopbackReceiver.Request::json).toList();
            // the floor applies to vulnerability updates only: the policy updates go through
            assertThat(high).extracting(body -> body.get("id").asText())
                    .containsExactlyInAnyOrder(mixed, failure, otherRegistry);
            JsonNode diff = high.stream().filter(body -> body.get("id").asText().equals(mixed)).findFirst().orElseThrow()
                    .at("/details/diff_vulnerability_result");
            assertThat(diff.get("added")).extracting(v -> v.get("Severity").asText()).containsExactly("Critical");
            assertThat(diff.get("updated")).extracting(v -> v.get("Severity").asText()).containsExactly("High");
            // the event itself keeps every vulnerability
            assertThat(api.get("/v2/events/" + mixed).json().at("/event/details/diff_vulnerability_result/added"))
                    .hasSize(2);

            // the CEL filter: a missing curr_eval on the vulnerability updates fails at run time, no match
            assertThat(receiver.requestsTo("/acme-failures")).extracting(request -> request.json().get("id").asText())
                    .containsExactly(failure);
        }
    }

    private static Map<String, Object> vulnerabilityUpdate(List<String> added, List<String> updated) {
        Map<String, Object> event = new LinkedHashMap<>(Scenario.event("user.checks.tag.vulnerabilities.update", "info",
                "image_tag"));
        event.put("details", Map.of("diff_vulnerability_result", Map.of("added", entries(added), "updated",
                entries(updated), "removed", List.of()), "imageDigest", "sha256:0f3c"));
        return event;
    }

    private static List<Map<String, String>> entries(List<String> severities) {
        return severities.stream().map(severity -> Map.of("CVE_ID", "CVE-2026-" + severity, "Severity", severity,
                "Package_Name", "openssl")).toList();
    }

    private static String problem(ApiResponse response) {
        return response.json().at("/detail/errors/0/problem").asText();
    }
}
