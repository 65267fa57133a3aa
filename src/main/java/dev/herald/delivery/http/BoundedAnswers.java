package dev.herald.delivery.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;
import java.io.IOException;

/**
 * Reads a receiver's answer into memory up to {@value #MOST_BYTES} bytes, and fails the request past
 * that. Vert.x's own buffer codec reads an answer whole, however long: a receiver that answers
 * with an endless body (a broken proxy, or one that lies) filled Herald's heap within seconds and
 * every delivery stopped. Herald reads little of any answer: a status, an error text, GitHub's and
 * Jira's few fields (a list of one issue at most), so 1 MiB is far more than any receiver needs.
 */
final class BoundedAnswers implements BodyCodec<Buffer> {

    static final int MOST_BYTES = 1024 * 1024;

    /** The answer was longer than Herald reads: an I/O failure, retried as a dropped connection is. */
    static final class AnswerTooLong extends IOException {

        AnswerTooLong() {
            super("answer longer than " + MOST_BYTES / 1024 + " KiB: not read further");
        }
    }

    @Override
    public void create(Handler<AsyncResult<BodyStream<Buffer>>> callback) {
        callback.handle(Future.succeededFuture(new Answer()));
    }

    /** One answer's body as it arrives, refused past the limit. */
    private static final class Answer implements BodyStream<Buffer> {

        private final Buffer body = Buffer.buffer();
        private final Promise<Buffer> result = Promise.promise();

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            Promise<Void> written = Promise.promise();
            write(data, written);
            return written.future();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            if (body.length() + data.length() > MOST_BYTES) {
                AnswerTooLong tooLong = new AnswerTooLong();
                result.tryFail(tooLong);
                handler.handle(Future.failedFuture(tooLong));
                return;
            }
            body.appendBuffer(data);
            handler.handle(Future.succeededFuture());
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            result.tryComplete(body);
            if (handler != null) {
                handler.handle(Future.succeededFuture());
            }
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
