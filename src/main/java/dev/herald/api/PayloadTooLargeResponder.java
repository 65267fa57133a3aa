package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Gives the HTTP server's own body limit the API's error shape. The server (platform-http on
 * Vert.x) refuses a body over its limit while receiving it, so it is never held in memory, and
 * answers with a bare 413 before any Camel route runs. This failure handler on the API's paths
 * answers that refusal as {@code {code, error_type, message, detail}}, like {@link RequestBodyLimit}.
 * It is added to the routers that exist when Camel starts its services: Camel Main's server (or
 * one a host added before Herald) has made its router by then. A server that is not Vert.x's is
 * left as it is; Herald's own check still answers what it lets through.
 */
final class PayloadTooLargeResponder extends ServiceSupport implements CamelContextAware {

    private static final List<String> API_PATHS = List.of("/v2/*", "/api/scanning/*");
    private static final int PAYLOAD_TOO_LARGE = ApiErrorType.PAYLOAD_TOO_LARGE.status();

    private final String answer;
    private CamelContext context;

    PayloadTooLargeResponder(ObjectMapper json, long maxBytes) throws JsonProcessingException {
        this.answer = json.writeValueAsString(
                ApiErrorResponder.body(ApiErrorType.PAYLOAD_TOO_LARGE, RequestBodyLimit.message(maxBytes), Map.of()));
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    @Override
    protected void doStart() {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            API_PATHS.forEach(paths -> router.route(paths).failureHandler(this::answer));
        }
    }

    private void answer(RoutingContext routing) {
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
