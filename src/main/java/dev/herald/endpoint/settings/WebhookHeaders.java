package dev.herald.endpoint.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.validation.JsonInput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook's own static headers ({@code headers}: name to value), for receivers that want one
 * (a routing or version header). They are stored and answered in plain, so a name that says it
 * carries a credential is refused; so are the headers Herald sets itself, those of HTTP's framing,
 * and Camel's own (camel-http would take a {@code Camel…} header as an instruction, not send it).
 */
final class WebhookHeaders {

    private static final int MAX_HEADERS = 20;
    private static final int MAX_VALUE_LENGTH = 1024;
    /** RFC 9110's token: what a header name may be made of. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]");
    private static final Set<String> SET_BY_HERALD = Set.of("content-type", "content-length", "host", "connection",
            "transfer-encoding", "expect", "upgrade", "te", "trailer", "keep-alive", "webhook-id", "webhook-timestamp",
            "webhook-signature", "x-herald-event-id");
    private static final List<String> CREDENTIAL_WORDS = List.of("auth", "cookie", "token", "secret", "password",
            "passwd", "key", "signature", "session", "credential");

    private WebhookHeaders() {
    }

    /** The headers, in the order given; null when the field is absent (or refused, reported). */
    static Map<String, String> read(JsonInput input, String name) {
        JsonNode headers = input.raw(name);
        if (headers == null) {
            return null;
        }
        if (!headers.isObject()) {
            input.reject(input.field(name), "must be a JSON object of header names to values");
            return null;
        }
        if (headers.size() > MAX_HEADERS) {
            input.reject(input.field(name), "must have at most " + MAX_HEADERS + " headers");
            return null;
        }
        Map<String, String> read = new LinkedHashMap<>();
        headers.properties().forEach(header -> {
            String field = input.field(name) + "." + header.getKey();
            String problem = problemWithName(header.getKey());
            if (problem == null) {
                problem = problemWithValue(header.getValue());
            }
            if (problem != null) {
                input.reject(field, problem);
            } else {
                read.put(header.getKey(), header.getValue().textValue());
            }
        });
        return read.isEmpty() ? null : Collections.unmodifiableMap(read);
    }

    private static String problemWithName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            return "is not a valid header name (letters, digits and !#$%&'*+.^_`|~- only, at most 64)";
        }
        if (SET_BY_HERALD.contains(lower) || lower.startsWith("camel") || lower.startsWith("org.apache.camel")) {
            return "is a header Herald sets or uses itself";
        }
        if (CREDENTIAL_WORDS.stream().anyMatch(lower::contains)) {
            return "looks like a credential: headers are stored and shown in plain, so only non-secret ones may be set "
                    + "(use username and password for Basic auth, signing_secret for signatures)";
        }
        return null;
    }

    private static String problemWithValue(JsonNode value) {
        if (!value.isTextual()) {
            return "must be a string";
        }
        if (value.textValue().length() > MAX_VALUE_LENGTH) {
            return "must be at most " + MAX_VALUE_LENGTH + " characters";
        }
        if (CONTROL.matcher(value.textValue()).find()) {
            return "must not hold control characters (line breaks included)";
        }
        return null;
    }
}
