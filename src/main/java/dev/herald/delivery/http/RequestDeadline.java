package dev.herald.delivery.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.ext.web.client.impl.HttpContext;
import java.net.SocketTimeoutException;

/**
 * One deadline for a whole HTTP request: the request's timeout, counted from the moment it is sent
 * on its connection to the last byte of the answer. Vert.x's own request timeout is an idle
 * timeout (it waits for the next byte), so a receiver that trickles its answer a byte at a time
 * would hold the attempt (and its slot) for as long as it likes; at the deadline this resets the
 * request, which closes its HTTP/1.1 connection, and the attempt fails as timed out.
 *
 * <p>An interceptor of Herald's web clients ({@link HttpConnections}): the web client's interceptor
 * chain is the one place that sees the request on its connection. The limit is the request's idle
 * timeout ({@link ReceiverRequests} sets both from the configuration's timeout), so each wait for
 * a byte and the whole request are bounded by the same figure. A request that fails once on its
 * connection closes that connection.
 */
final class RequestDeadline implements Handler<HttpContext<?>> {

    private static final String TIMER = "herald.deadline";

    private final Vertx vertx;

    RequestDeadline(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public void handle(HttpContext<?> context) {
        switch (context.phase()) {
            case SEND_REQUEST -> {
                long limit = context.request().idleTimeout();
                if (limit > 0) {
                    HttpClientRequest request = context.clientRequest();
                    context.set(TIMER, vertx.setTimer(limit, id -> request.reset(0, timedOut(limit))));
                }
            }
            case DISPATCH_RESPONSE -> cancel(context);
            case FAILURE -> {
                cancel(context);
                // a request that failed on its connection (an answer too long to read, among others)
                // closes that connection: a receiver still sending cannot keep it busy
                HttpClientRequest request = context.clientResponse() != null ? context.clientResponse().request()
                        : context.clientRequest();
                if (request != null && request.connection() != null) {
                    request.connection().close();
                }
            }
            default -> {
                // no deadline before the request is on its connection: connecting has its own timeout
            }
        }
        context.next();
    }

    private void cancel(HttpContext<?> context) {
        Long timer = context.get(TIMER);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    static SocketTimeoutException timedOut(long limitMillis) {
        return new SocketTimeoutException("timed out: no complete answer within " + limitMillis / 1000 + " s");
    }
}
