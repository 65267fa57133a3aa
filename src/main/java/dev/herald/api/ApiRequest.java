package dev.herald.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.endpoint.EndpointType;
import dev.herald.validation.InvalidInputException;
import dev.herald.validation.JsonText;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;

/** Typed, validated access to one API request: its caller, path and query parameters, and JSON body. */
final class ApiRequest {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Exchange exchange;
    private final ObjectMapper json;

    ApiRequest(Exchange exchange, ObjectMapper json) {
        this.exchange = exchange;
        this.json = json;
    }

    Caller caller() {
        return exchange.getProperty(Authenticator.CALLER, Caller.class);
    }

    /** The account the request acts for. */
    String account() {
        return caller().account();
    }

    /**
     * The JSON body (null when there is none). Parsed here, after authentication, not by the REST
     * binding (see {@link RestJsonFormat}); a syntax error answers 400.
     */
    JsonNode body() throws JsonProcessingException {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the text it could not parse, which may be a secret, and Camel's
            // error handler logs it: pass on where the error is, not what is there
            throw new JsonParseException(null, "the request body is not valid JSON", e.getLocation());
        }
        JsonText.check(tree);
        return tree;
    }

    /** Answers 200 with no body; without the explicit code platform-http would answer 204. */
    void answerEmpty() {
        exchange.getMessage().setBody(null);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    }

    String path(String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }

    /** The endpoint type named in the path; an unknown one does not exist (404). */
    EndpointType endpointType() {
        String name = path("endpoint_type");
        return EndpointType.parse(name).orElseThrow(() -> new ApiException(ApiErrorType.RESOURCE_NOT_FOUND,
                "endpoint type '" + name + "' not found; the types are "
                        + Arrays.stream(EndpointType.values()).map(EndpointType::apiName).collect(Collectors.joining(", "))));
    }

    String query(String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        return value == null || value.isBlank() ? null : value;
    }

    int queryInt(String name, int fallback, int min, int max) {
        String value = query(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(name, "must be a whole number from " + min + " to " + max);
    }

    /**
     * A true-or-false parameter, false when absent. Anything else is a 400: a {@code dry_run=yes} that
     * quietly read as false would apply what its caller only meant to see.
     */
    boolean queryFlag(String name) {
        Boolean flag = queryOneOf(name, value -> switch (value) {
            case "true" -> Optional.of(Boolean.TRUE);
            case "false" -> Optional.of(Boolean.FALSE);
            default -> Optional.empty();
        }, "true, false");
        return Boolean.TRUE.equals(flag);
    }

    int page() {
        return queryInt("page", 1, 1, 1_000_000);
    }

    int limit() {
        return queryInt("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    /** A date-time parameter; like Anchore, one without an offset is taken as UTC. */
    Instant queryInstant(String name) {
        String value = query(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(name, "must be an ISO-8601 date-time such as 2026-11-21T09:08:54Z");
            }
        }
    }

    /** A parameter that must parse to one of a closed set of values. */
    <T> T queryOneOf(String name, Function<String, Optional<T>> parse, String allowed) {
        String value = query(name);
        if (value == null) {
            return null;
        }
        return parse.apply(value).orElseThrow(() -> new InvalidInputException(name, "must be one of " + allowed));
    }
}
