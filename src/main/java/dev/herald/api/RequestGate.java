package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;

/**
 * The first handler of the HTTP server, ahead of every route (Herald's, health and metrics alike):
 * <ul>
 * <li>until Camel has started every route, and again once it is stopping, every request gets a
 * 503 with {@code Retry-After}: the server listens before the routes exist, and would otherwise
 * answer a 404 that a producer takes as final and drops its event;</li>
 * <li>a path that {@link UnsafePaths} refuses gets a 400 naming the problem, before the server
 * resolves its dot segments into another route's path (a path the server cannot even decode never
 * reaches the gate: {@link UndecodablePathResponder} answers it the same way).</li>
 * </ul>
 * Both answers have the API's error shape. {@link HttpServerHandlers} puts it in the server.
 */
final class RequestGate implements Handler<RoutingContext> {

    /** Seconds a client is asked to wait: Herald starts in a few seconds. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final CamelContext context;
    private final ObjectMapper json;
    private final String unavailable;

    RequestGate(CamelContext context, ObjectMapper json) throws JsonProcessingException {
        this.context = context;
        this.json = json;
        this.unavailable = json.writeValueAsString(ApiErrorResponder.body(ApiErrorType.SERVICE_UNAVAILABLE,
                "Herald is starting or stopping; retry after " + RETRY_AFTER_SECONDS + " seconds", Map.of()));
    }

    @Override
    public void handle(RoutingContext routing) {
        if (!context.isStarted()) {
            routing.response()
                    .setStatusCode(ApiErrorType.SERVICE_UNAVAILABLE.status())
                    .putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                    .putHeader("Content-Type", "application/json")
                    .end(unavailable);
            return;
        }
        Optional<String> problem = problem(routing);
        if (problem.isEmpty()) {
            routing.next();
            return;
        }
        refusePath(routing, problem.get());
    }

    /** Why the request's raw path is refused, or empty when it is safe to route. */
    static Optional<String> problem(RoutingContext routing) {
        String path = routing.request().path();
        return path == null ? Optional.empty() : UnsafePaths.problem(path);
    }

    /** Answers the API's 400 naming the path and its problem. */
    void refusePath(RoutingContext routing, String problem) {
        Map<String, Object> detail = Map.of("errors", List.of(Map.of("field", "path", "problem", problem)));
        try {
            routing.response()
                    .setStatusCode(ApiErrorType.BAD_REQUEST.status())
                    .putHeader("Content-Type", "application/json")
                    .end(json.writeValueAsString(ApiErrorResponder.body(ApiErrorType.BAD_REQUEST, "path: " + problem, detail)));
        } catch (JsonProcessingException e) {
            routing.fail(e);
        }
    }
}
