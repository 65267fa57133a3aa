package dev.herald.delivery;

import java.time.Instant;

/**
 * What dispatch records of one attempt: the delivery's new state and the attempt for its history.
 *
 * @param nextAttemptAt when a delivery left pending is due again; null otherwise
 * @param lastError     the delivery's reason (for a given-up delivery, why it was given up)
 * @param attemptError  the attempt's own failure text
 */
record SettledAttempt(
        String deliveryUuid,
        int attempt,
        DeliveryState state,
        Instant nextAttemptAt,
        Integer statusCode,
        String lastError,
        String externalId,
        String attemptError,
        AttemptOutcome outcome,
        Instant startedAt,
        Instant finishedAt) {
}
