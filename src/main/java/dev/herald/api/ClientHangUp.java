package dev.herald.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that hangs up while its request is read (typically one still sending a body the server
 * has refused with a 413) fails the request with a closed connection or a reset. That is the
 * client's doing and there is no one left to answer: it is logged at DEBUG, where Vert.x would log
 * an ERROR with a stack trace. Every other failure goes on to the next failure handler.
 */
final class ClientHangUp implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ClientHangUp.class);

    @Override
    public void handle(RoutingContext routing) {
        Throwable failure = routing.failure();
        if (failure instanceof HttpClosedException || failure instanceof IOException) {
            LOG.debug("{} request: the client closed the connection ({})", routing.request().method(),
                    failure.getClass().getSimpleName());
            return;
        }
        routing.next();
    }
}
