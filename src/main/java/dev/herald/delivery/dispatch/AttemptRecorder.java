package dev.herald.delivery.dispatch;

import dev.herald.delivery.table.SettledAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records attempts as they end, on a thread of its own: each is written as soon as the write
 * before it is done, together with those that ended meanwhile (one transaction for a few
 * milliseconds' worth under load, one attempt at a time when it is quiet), so no attempt waits for
 * another to end.
 *
 * <p>A Camel service: it stops after the routes, so the attempts that ended during a graceful
 * shutdown are still recorded, and before {@link ClaimsReleasedOnStop} releases what is left.
 */
public final class AttemptRecorder extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptRecorder.class);
    private static final int MOST_PER_WRITE = 500;

    private final BlockingQueue<List<SettledAttempt>> ended = new LinkedBlockingQueue<>();
    private final Consumer<List<SettledAttempt>> record;
    private volatile boolean running;
    private Thread writer;

    /** @param record writes attempts ({@link DeliveryDispatcher#record}) */
    public AttemptRecorder(Consumer<List<SettledAttempt>> record) {
        this.record = record;
    }

    /** An attempt that has ended, to record: one delivery's, or those of the deliveries a digest carried. */
    public void add(List<SettledAttempt> attempts) {
        ended.add(attempts);
    }

    @Override
    protected void doStart() {
        running = true;
        writer = new Thread(this::writeWhileRunning, "herald-attempt-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    private void writeWhileRunning() {
        while (running) {
            try {
                List<SettledAttempt> first = ended.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    writeWith(first);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the claims of what was not recorded expire, and those deliveries are tried again
                LOG.warn("Could not record attempts ({}); their deliveries are tried again when their claims expire",
                        e.getClass().getSimpleName());
            }
        }
    }

    /** A digest's attempts are written in one transaction, never split: its deliveries end alike. */
    private void writeWith(List<SettledAttempt> first) {
        List<SettledAttempt> attempts = new ArrayList<>(first);
        List<SettledAttempt> next;
        while (attempts.size() < MOST_PER_WRITE && (next = ended.poll()) != null) {
            attempts.addAll(next);
        }
        record.accept(attempts);
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        if (writer != null) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
        List<SettledAttempt> left;
        while ((left = ended.poll()) != null) {
            writeWith(left);
        }
    }
}
