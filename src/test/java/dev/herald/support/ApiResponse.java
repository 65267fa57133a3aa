package dev.herald.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** An API answer: status, raw body, the body as JSON (null when it is not JSON), headers. */
public record ApiResponse(int status, String body, Map<String, List<String>> headers) {

    public JsonNode json() {
        return ApiClient.parse(body);
    }

    /** Shorthand for a text field of the JSON body. */
    public String text(String field) {
        JsonNode value = json() == null ? null : json().get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The first value of a header, by name, ignoring case as HTTP does; null when there is none. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream())
                .findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
