package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.Json.elements;
import static dev.herald.support.Json.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /v2/notifications/endpoints}: the six endpoint types and their system-wide switch. */
class EndpointsApiTest extends ApiTestBase {

    private static final List<String> NAMES = List.of("smtp", "slack", "teams", "github", "jira", "webhook");

    static ApiClient admin;

    @BeforeAll
    static void start() {
        admin = herald.api();
    }

    @Test
    void theListHoldsExactlyTheSixEndpointTypesAllEnabledAtFirst() {
        ApiResponse answer = admin.get("/v2/notifications/endpoints");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().isArray()).isTrue();
        List<JsonNode> endpoints = elements(answer.json());
        assertThat(endpoints).extracting(e -> e.get("name").asText()).containsExactlyInAnyOrderElementsOf(NAMES);
        assertThat(endpoints).allSatisfy(endpoint -> {
            assertThat(fieldNames(endpoint)).containsExactlyInAnyOrder("name", "enabled", "last_updated");
            assertThat(endpoint.get("enabled").isBoolean()).isTrue();
            assertThat(endpoint.get("enabled").booleanValue()).as(endpoint.toString()).isTrue();
            assertThat(instant(endpoint.get("last_updated").asText())).isBefore(Instant.now().plusSeconds(1));
        });
    }

    @Test
    void anEndpointCanBeDisabledAndEnabledAgain() {
        Instant before = Instant.now().minusSeconds(1);
        try {
            ApiResponse disabled = admin.put("/v2/notifications/endpoints/teams", Map.of("enabled", false));

            assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
            assertThat(fieldNames(disabled.json())).containsExactlyInAnyOrder("enabled", "last_updated");
            assertThat(disabled.json().get("enabled").isBoolean()).isTrue();
            assertThat(disabled.json().get("enabled").booleanValue()).isFalse();
            Instant disabledAt = instant(disabled.text("last_updated"));
            assertThat(disabledAt).isBetween(before, Instant.now().plusSeconds(1));
            Map<String, JsonNode> listed = byName();
            assertThat(listed.get("teams").get("enabled").booleanValue()).isFalse();
            assertThat(instant(listed.get("teams").get("last_updated").asText())).isEqualTo(disabledAt);
            assertThat(NAMES.stream().filter(name -> !name.equals("teams")))
                    .allSatisfy(name -> assertThat(listed.get(name).get("enabled").booleanValue()).as(name).isTrue());

            ApiResponse disabledAgain = admin.put("/v2/notifications/endpoints/teams", Map.of("enabled", false));
            assertThat(disabledAgain.status()).as(disabledAgain.toString()).isEqualTo(200);
            assertThat(disabledAgain.json().get("enabled").booleanValue()).isFalse();
        } finally {
            ApiResponse enabled = admin.put("/v2/notifications/endpoints/teams", Map.of("enabled", true));
            assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
            assertThat(enabled.json().get("enabled").booleanValue()).isTrue();
        }
        assertThat(byName().get("teams").get("enabled").booleanValue()).isTrue();
    }

    @Test
    void anUnknownEndpointIsNotFound() {
        ApiResponse answer = admin.put("/v2/notifications/endpoints/pagerduty", Map.of("enabled", false));

        assertError(answer, 404, "ResourceNotFound");
        assertThat(byName()).doesNotContainKey("pagerduty");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                arguments("no enabled field", "{}", "enabled"),
                arguments("enabled as a string", "{\"enabled\": \"yes\"}", "enabled"),
                arguments("enabled as a number", "{\"enabled\": 0}", "enabled"),
                arguments("enabled null", "{\"enabled\": null}", "enabled"),
                arguments("a list", "[{\"enabled\": false}]", "body"));
    }

    @ParameterizedTest(name = "{0} is refused, naming {2}")
    @MethodSource("invalidBodies")
    void anInvalidBodyIsRefusedNamingTheFieldAndChangesNothing(String description, String body, String field) {
        ApiResponse answer = admin.put("/v2/notifications/endpoints/github", body);

        assertBadRequest(answer, field);
        assertThat(byName().get("github").get("enabled").booleanValue()).isTrue();
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        ApiResponse answer = admin.put("/v2/notifications/endpoints/github", "{\"enabled\": fals");

        assertError(answer, 400, "BadRequest");
        assertThat(byName().get("github").get("enabled").booleanValue()).isTrue();
    }

    @Test
    void aBodyNotDeclaredAsJsonIsAnUnsupportedMediaType() {
        ApiResponse answer = admin.send("PUT", "/v2/notifications/endpoints/github", "{\"enabled\": false}", "text/plain");

        assertError(answer, 415, "UnsupportedMediaType");
        assertThat(byName().get("github").get("enabled").booleanValue()).isTrue();
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, JsonNode> byName() {
        ApiResponse answer = admin.get("/v2/notifications/endpoints");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, JsonNode> endpoints = new LinkedHashMap<>();
        answer.json().forEach(endpoint -> endpoints.put(endpoint.get("name").asText(), endpoint));
        return endpoints;
    }

    private static Instant instant(String dateTime) {
        return OffsetDateTime.parse(dateTime).toInstant();
    }
}
