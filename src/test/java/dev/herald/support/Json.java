package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON helpers for tests: reading arrays and objects of an answer, and building request bodies. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The elements of a JSON array; fails when the node is missing or not an array. */
    public static List<JsonNode> elements(JsonNode array) {
        assertThat(array).isNotNull();
        assertThat(array.isArray()).as(array.toString()).isTrue();
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    /** The field names of a JSON object, in order; fails when the node is missing or not an object. */
    public static List<String> fieldNames(JsonNode object) {
        assertThat(object).isNotNull();
        assertThat(object.isObject()).as(object.toString()).isTrue();
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An ordered map from key, value pairs (values may be null). */
    public static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        return body;
    }

    /** A copy of {@code base} with {@code key} set to {@code value}. */
    public static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    /** A copy of {@code base} without {@code key}. */
    public static Map<String, Object> without(Map<String, Object> base, String key) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.remove(key);
        return copy;
    }

    /** A value (maps, lists, strings, numbers…) as a JSON tree, for comparing with an answer. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** JSON text read into a tree. */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A value written as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
