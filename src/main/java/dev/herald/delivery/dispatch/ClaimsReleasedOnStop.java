package dev.herald.delivery.dispatch;

import dev.herald.delivery.table.DeliveryRepository;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a graceful shutdown for dispatch. Camel stops its services after the routes, and the
 * routes stop once the deliveries being sent have ended or {@code camel.main.shutdown-timeout}
 * has passed; the {@link AttemptRecorder}, stopped before this, has written the attempts that ended.
 * What is still claimed then is released: the dispatch threads are stopped first, so a delivery
 * waiting for its rate-limit slot is never started, then this process's claims are cleared, so
 * the next Herald to dispatch takes those deliveries at once rather than after {@code claimed_until}.
 * A delivery whose request was already on its way may still reach its receiver and be sent again
 * later, with the same delivery id: at least once, nothing lost.
 */
public final class ClaimsReleasedOnStop extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsReleasedOnStop.class);

    private final DeliveryRepository deliveries;
    private final String claimant;
    private final Clock clock;
    private final ExecutorServiceManager executors;
    private final ExecutorService dispatchThreads;

    public ClaimsReleasedOnStop(DeliveryRepository deliveries, String claimant, Clock clock,
            ExecutorServiceManager executors, ExecutorService dispatchThreads) {
        this.deliveries = deliveries;
        this.claimant = claimant;
        this.clock = clock;
        this.executors = executors;
        this.dispatchThreads = dispatchThreads;
    }

    @Override
    protected void doStop() {
        executors.shutdownNow(dispatchThreads);
        try {
            int released = deliveries.releaseClaims(claimant, clock.instant());
            if (released > 0) {
                LOG.info("Released {} deliveries still being sent at shutdown; they are pending again", released);
            }
        } catch (RuntimeException e) {
            // the message may quote the database's answer; the claims expire after claimed_until anyway
            LOG.warn("Could not release this process's claims ({}); other Herald processes take them over when "
                    + "they expire", e.getClass().getSimpleName());
        }
    }
}
