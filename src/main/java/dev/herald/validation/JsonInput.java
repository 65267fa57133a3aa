package dev.herald.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object of a request, collecting every problem (with the field's
 * full path) instead of stopping at the first, so one 400 tells the user all that is wrong.
 * A JSON {@code null} counts as absent. Nested objects share the parent's list of problems.
 */
public final class JsonInput {

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;

    private JsonInput(JsonNode node, String path, List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    /** The request body, which must be a JSON object. */
    public static JsonInput ofObject(JsonNode body, String path) {
        JsonInput input = new JsonInput(body, path, new ArrayList<>());
        if (body == null || body.isNull() || body.isMissingNode()) {
            input.reject(path.isEmpty() ? "body" : path, "is required");
        } else if (!body.isObject()) {
            input.reject(path.isEmpty() ? "body" : path, "must be a JSON object");
        }
        return input;
    }

    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && !value.isNull();
    }

    public JsonNode raw(String name) {
        return has(name) ? node.get(name) : null;
    }

    public String requiredText(String name, int maxLength) {
        String value = optionalText(name, maxLength);
        if (value == null && !has(name)) {
            reject(field(name), "is required");
        } else if (value != null && value.isBlank()) {
            reject(field(name), "must not be empty");
        }
        return value;
    }

    public String optionalText(String name, int maxLength) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            reject(field(name), "must be a string");
            return null;
        }
        String text = value.textValue();
        if (text.length() > maxLength) {
            reject(field(name), "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    public String requiredMatching(String name, int maxLength, Pattern pattern, String describePattern) {
        String value = requiredText(name, maxLength);
        if (value != null && !value.isBlank() && !pattern.matcher(value).matches()) {
            reject(field(name), describePattern);
            return null;
        }
        return value;
    }

    public String requiredOneOf(String name, Collection<String> allowed) {
        String value = requiredText(name, 64);
        if (value != null && !allowed.contains(value)) {
            reject(field(name), "must be one of " + String.join(", ", allowed));
            return null;
        }
        return value;
    }

    public Boolean optionalBoolean(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            reject(field(name), "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    public Integer optionalInt(String name, int min, int max) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            reject(field(name), "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.intValue();
    }

    public Integer requiredInt(String name, int min, int max) {
        if (!has(name)) {
            reject(field(name), "is required");
            return null;
        }
        return optionalInt(name, min, max);
    }

    public List<String> optionalTextList(String name, int maxItems, int maxLength) {
        JsonNode value = list(name, maxItems, "must be a list of strings");
        if (value == null) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > maxLength) {
                reject(field(name) + "[" + i + "]", "must be a non-empty string of at most " + maxLength + " characters");
            } else {
                items.add(item.textValue());
            }
        }
        return items;
    }

    /** A nested object; absent gives an input with no fields (and, if required, a problem). */
    public JsonInput object(String name, boolean required) {
        if (!has(name)) {
            if (required) {
                reject(field(name), "is required");
            }
            return new JsonInput(null, field(name), errors);
        }
        JsonNode value = node.get(name);
        if (!value.isObject()) {
            reject(field(name), "must be a JSON object");
            return new JsonInput(null, field(name), errors);
        }
        return new JsonInput(value, field(name), errors);
    }

    /**
     * A list of objects, each read with its own path ({@code name[i]}); absent gives an empty list
     * (reported when {@code required}). Items that are not objects, or a value that is not a list,
     * are reported and left out.
     */
    public List<JsonInput> objectList(String name, int maxItems, boolean required) {
        if (required && !has(name)) {
            reject(field(name), "is required");
        }
        JsonNode value = list(name, maxItems, "must be a list of JSON objects");
        if (value == null) {
            return List.of();
        }
        List<JsonInput> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String itemPath = field(name) + "[" + i + "]";
            if (value.get(i).isObject()) {
                items.add(new JsonInput(value.get(i), itemPath, errors));
            } else {
                reject(itemPath, "must be a JSON object");
            }
        }
        return items;
    }

    /** The field's array of at most {@code maxItems}; null when it is absent or refused (reported). */
    private JsonNode list(String name, int maxItems, String notAList) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            reject(field(name), notAList);
            return null;
        }
        if (value.size() > maxItems) {
            reject(field(name), "must have at most " + maxItems + " items");
            return null;
        }
        return value;
    }

    /** Refuses each field of the object that is not one of {@code known}, naming it. */
    public void rejectUnknownFields(Collection<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                reject(field(name), "is not a known field");
            }
        });
    }

    public void reject(String field, String problem) {
        errors.add(new FieldError(field, problem));
    }

    /** Ends reading: throws with every problem found, if any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
