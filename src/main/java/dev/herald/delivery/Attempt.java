package dev.herald.delivery;

import java.time.Instant;

/** One attempt as the dispatch split hands it back: the delivery, its outcome and when it ran. */
public record Attempt(ClaimedDelivery delivery, DeliveryOutcome outcome, Instant startedAt, Instant finishedAt) {
}
