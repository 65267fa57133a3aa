package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Gives the HTTP server's own body limit the API's error shape. The server (platform-http on
 * Vert.x) refuses a body over its limit while receiving it, so it is never held in memory, and
 * answers with a bare 413 before any Camel route runs. This failure handler on the API's paths
 * ({@link HttpServerHandlers}) answers that refusal as {@code {code, error_type, message, detail}},
 * like {@link RequestBodyLimit}.
 */
final class PayloadTooLargeResponder implements Handler<RoutingContext> {

    private static final int PAYLOAD_TOO_LARGE = ApiErrorType.PAYLOAD_TOO_LARGE.status();

    private final String answer;

    PayloadTooLargeResponder(ObjectMapper json, long maxBytes) throws JsonProcessingException {
        this.answer = json.writeValueAsString(
                ApiErrorResponder.body(ApiErrorType.PAYLOAD_TOO_LARGE, RequestBodyLimit.message(maxBytes), Map.of()));
    }

    @Override
    public void handle(RoutingContext routing) {
        if (routing.statusCode() != PAYLOAD_TOO_LARGE || routing.response().headWritten()) {
            routing.next();
            return;
        }
        routing.response()
                .setStatusCode(PAYLOAD_TOO_LARGE)
                .putHeader("Content-Type", "application/json")
                .end(answer);
    }
}
