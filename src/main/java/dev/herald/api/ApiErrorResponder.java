package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import dev.herald.validation.FieldError;
import dev.herald.validation.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a failed API request with Anchore's error shape {@code {code, error_type, message, detail}}.
 * Unexpected errors become a 500 that says nothing of the cause, which is logged without the request
 * and without the messages that could quote it or stored data ({@link LoggedError}).
 */
final class ApiErrorResponder implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorResponder.class);

    @Override
    public void process(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Map<String, Object> detail = new LinkedHashMap<>();
        ApiErrorType type;
        String message;
        if (error instanceof ApiException api) {
            type = api.type();
            message = api.getMessage();
        } else if (error instanceof InvalidInputException invalid) {
            type = ApiErrorType.BAD_REQUEST;
            message = invalid.getMessage();
            detail.put("errors", invalid.errors().stream().map(ApiErrorResponder::describe).toList());
        } else if (error instanceof JsonProcessingException json) {
            type = ApiErrorType.BAD_REQUEST;
            JsonLocation at = json.getLocation();
            message = "the request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        } else {
            type = ApiErrorType.INTERNAL_ERROR;
            message = "internal error";
            LOG.error("{} {} failed", exchange.getMessage().getHeader(Exchange.HTTP_METHOD),
                    exchange.getMessage().getHeader(Exchange.HTTP_PATH), LoggedError.of(error));
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, type.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (type == ApiErrorType.UNAUTHORIZED) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"herald\"");
        }
        exchange.getMessage().setBody(body(type, message, detail));
    }

    /** The spec's error shape. */
    static Map<String, Object> body(ApiErrorType type, String message, Map<String, Object> detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", type.status());
        body.put("error_type", type.label());
        body.put("message", message);
        body.put("detail", detail);
        return body;
    }

    private static Map<String, String> describe(FieldError error) {
        return Map.of("field", error.field(), "problem", error.problem());
    }

}
