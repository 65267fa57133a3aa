package dev.herald.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Refuses text no database keeps faithfully, anywhere in a request body (keys included): NUL and
 * the other control characters but tab, line feed and carriage return (PostgreSQL refuses NUL
 * outright), and unpaired UTF-16 surrogates (not Unicode; a UTF-8 database would store them as '?').
 */
public final class JsonText {

    private JsonText() {
    }

    public static void check(JsonNode body) {
        check(body, "");
    }

    private static void check(JsonNode node, String path) {
        if (node.isTextual()) {
            checkText(node.textValue(), path.isEmpty() ? "body" : path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                checkText(field.getKey(), fieldPath);
                check(field.getValue(), fieldPath);
            }
        }
    }

    private static void checkText(String text, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                throw new InvalidInputException(path, "must not contain control characters (found U+%04X)".formatted((int) c));
            }
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                throw new InvalidInputException(path, "must be valid Unicode (found an unpaired surrogate)");
            }
        }
    }
}
