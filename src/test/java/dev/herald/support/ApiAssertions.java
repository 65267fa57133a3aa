package dev.herald.support;

import static dev.herald.support.Json.elements;
import static dev.herald.support.Json.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Assertions on Herald's error answers, shared by the API tests. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    /**
     * An error answer: the status, a JSON body (declared as JSON) of exactly code, error_type, message
     * and detail, the code equal to the status, the error type, a message, and detail an object.
     */
    public static void assertError(ApiResponse response, int status, String errorType) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body).as("error body of " + response).isNotNull();
        assertThat(fieldNames(body)).as(response.toString())
                .containsExactlyInAnyOrder("code", "error_type", "message", "detail");
        assertThat(body.get("code").asInt()).isEqualTo(status);
        assertThat(body.get("error_type").asText()).isEqualTo(errorType);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("detail").isObject()).as(response.toString()).isTrue();
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/json");
    }

    public static void assertNotFound(ApiResponse response) {
        assertError(response, 404, "ResourceNotFound");
    }

    /**
     * A 400 whose message names the field and whose detail.errors lists it; every error there is
     * exactly {field, problem} with a problem given.
     */
    public static void assertBadRequest(ApiResponse response, String field) {
        assertError(response, 400, "BadRequest");
        assertThat(response.text("message")).as(response.toString()).contains(field);
        List<JsonNode> errors = errors(response);
        assertThat(errors).as(response.toString()).isNotEmpty().allSatisfy(error -> {
            assertThat(fieldNames(error)).containsExactlyInAnyOrder("field", "problem");
            assertThat(error.get("problem").asText()).isNotBlank();
        });
        assertThat(errors).extracting(error -> error.get("field").asText()).as(response.toString()).contains(field);
    }

    /** {@link #assertBadRequest(ApiResponse, String)}, with {field, problem} among detail.errors. */
    public static void assertBadRequest(ApiResponse response, String field, String problem) {
        assertBadRequest(response, field);
        assertThat(errors(response)).as(response.toString())
                .contains(Json.tree(Map.of("field", field, "problem", problem)));
    }

    /** A 400 that lists the field as required. */
    public static void assertRequired(ApiResponse response, String field) {
        assertBadRequest(response, field, "is required");
    }

    private static List<JsonNode> errors(ApiResponse response) {
        return elements(response.json().get("detail").get("errors"));
    }
}
