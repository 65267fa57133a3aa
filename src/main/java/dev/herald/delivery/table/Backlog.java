package dev.herald.delivery.table;

import java.time.Duration;
import java.time.Instant;

/**
 * The deliveries waiting to be sent, as the metrics show them.
 *
 * @param due                    pending deliveries whose next attempt is due now
 * @param oldestPendingCreatedAt when the oldest pending delivery (due or waiting for a retry) was
 *                               created; null when none is pending
 */
public record Backlog(long due, Instant oldestPendingCreatedAt) {

    /** Seconds since the oldest pending delivery was created; 0 when none is pending. */
    public double oldestPendingAgeSeconds(Instant now) {
        if (oldestPendingCreatedAt == null || oldestPendingCreatedAt.isAfter(now)) {
            return 0;
        }
        return Duration.between(oldestPendingCreatedAt, now).toNanos() / 1e9;
    }
}
