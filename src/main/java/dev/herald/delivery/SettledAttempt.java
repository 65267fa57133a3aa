package dev.herald.delivery;

import dev.herald.endpoint.EndpointType;
import java.time.Instant;

/**
 * What dispatch records of one attempt: the delivery's new state and the attempt for its history.
 *
 * @param nextAttemptAt when a delivery left pending is due again; null otherwise
 * @param lastError     the delivery's reason (for a given-up delivery, why it was given up)
 * @param attemptError  the attempt's own failure text
 * @param endpointType  the delivery's endpoint type, which the delivery metrics are tagged with
 * @param eventCreatedAt when its event was stored, where the delivery latency metric starts
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
        Instant finishedAt,
        EndpointType endpointType,
        Instant eventCreatedAt) {
}
