package dev.herald.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's handler of the 400s no route handled. Vert.x decodes a request's path to match it
 * against the routes, before any handler runs (the {@link RequestGate} included): a malformed
 * percent-escape such as {@code /v2/events/%zz} fails that match, and Vert.x would answer a bare
 * "Bad Request" and log the client's mistake at ERROR with a stack trace. This answers it as the
 * gate answers an unsafe path, the API's 400 naming the path, and logs it at DEBUG only.
 */
final class UndecodablePathResponder implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(UndecodablePathResponder.class);

    private final RequestGate gate;

    UndecodablePathResponder(RequestGate gate) {
        this.gate = gate;
    }

    @Override
    public void handle(RoutingContext routing) {
        if (routing.response().ended() || routing.response().closed()) {
            return;
        }
        String problem = RequestGate.problem(routing).orElse("cannot be decoded");
        LOG.debug("Refused a request whose path {}", problem);
        gate.refusePath(routing, problem);
    }
}
