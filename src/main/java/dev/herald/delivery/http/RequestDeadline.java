package dev.herald.delivery.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.util.Timeout;

/**
 * One deadline for a whole HTTP request: the request's response timeout, counted from its start
 * to the last byte of the answer. HttpClient's own response timeout is per read, so a receiver
 * that trickles its answer a byte at a time would hold the attempt (and its slot) for as long as
 * it likes; at the deadline this closes the connection, and the attempt fails as timed out.
 *
 * <p>First in every camel-http client's execution chain ({@link HttpConnections}); the answer's
 * body is read after the chain returns, so the deadline ends when that body is read or closed.
 */
final class RequestDeadline implements ExecChainHandler {

    private final ScheduledExecutorService timer;

    RequestDeadline(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Timeout limit = scope.clientContext.getRequestConfigOrDefault().getResponseTimeout();
        if (limit == null || limit.isDisabled()) {
            return chain.proceed(request, scope);
        }
        AtomicBoolean cut = new AtomicBoolean();
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            cut.set(true);
            scope.execRuntime.discardEndpoint();
        }, limit.toMilliseconds(), TimeUnit.MILLISECONDS);
        try {
            ClassicHttpResponse response = chain.proceed(request, scope);
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                deadline.cancel(false);
            } else {
                response.setEntity(new Bounded(entity, deadline, cut, limit));
            }
            return response;
        } catch (IOException e) {
            deadline.cancel(false);
            throw cut.get() ? timedOut(limit) : e;
        } catch (HttpException | RuntimeException e) {
            deadline.cancel(false);
            throw e;
        }
    }

    private interface Read {
        int read() throws IOException;
    }

    private static SocketTimeoutException timedOut(Timeout limit) {
        return new SocketTimeoutException("timed out: no complete answer within " + limit.toSeconds() + " s");
    }

    /** The answer's body, read within the deadline; reading it to the end or closing it ends the deadline. */
    private static final class Bounded extends HttpEntityWrapper {

        private final ScheduledFuture<?> deadline;
        private final AtomicBoolean cut;
        private final Timeout limit;

        Bounded(HttpEntity entity, ScheduledFuture<?> deadline, AtomicBoolean cut, Timeout limit) {
            super(entity);
            this.deadline = deadline;
            this.cut = cut;
            this.limit = limit;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new FilterInputStream(super.getContent()) {
                @Override
                public int read() throws IOException {
                    return withinDeadline(super::read);
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return withinDeadline(() -> super.read(buffer, offset, length));
                }

                @Override
                public void close() throws IOException {
                    deadline.cancel(false);
                    super.close();
                }
            };
        }

        /** One read: the end of the body ends the deadline; a read the deadline cut fails as timed out. */
        private int withinDeadline(Read read) throws IOException {
            try {
                int result = read.read();
                if (result < 0) {
                    deadline.cancel(false);
                }
                return result;
            } catch (IOException e) {
                throw cut.get() ? timedOut(limit) : e;
            }
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }

        @Override
        public void close() throws IOException {
            deadline.cancel(false);
            super.close();
        }
    }
}
