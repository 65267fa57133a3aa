package dev.herald.delivery.table;

import dev.herald.event.Unrelayed;
import java.time.Duration;
import java.time.Instant;

/**
 * The notifications waiting to be sent, as the metrics show them.
 *
 * @param due                    pending deliveries whose next attempt is due now
 * @param oldestPendingCreatedAt when the oldest waiting notification was stored: a pending delivery
 *                               (due or waiting for a retry) or an event not relayed yet; null when
 *                               none waits
 * @param unrelayed              events not relayed yet
 */
public record Backlog(long due, Instant oldestPendingCreatedAt, long unrelayed) {

    /** The deliveries' backlog with the events that wait to be relayed into deliveries. */
    public Backlog including(Unrelayed events) {
        Instant oldest = oldestPendingCreatedAt;
        if (events.oldestCreatedAt() != null && (oldest == null || events.oldestCreatedAt().isBefore(oldest))) {
            oldest = events.oldestCreatedAt();
        }
        return new Backlog(due, oldest, unrelayed + events.count());
    }

    /** Seconds since the oldest waiting notification was stored; 0 when none waits. */
    public double oldestPendingAgeSeconds(Instant now) {
        if (oldestPendingCreatedAt == null || oldestPendingCreatedAt.isAfter(now)) {
            return 0;
        }
        return Duration.between(oldestPendingCreatedAt, now).toNanos() / 1e9;
    }
}
