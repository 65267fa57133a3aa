package dev.herald.delivery.table;

import dev.herald.endpoint.EndpointType;
import java.time.Instant;

/**
 * What dispatch records of one attempt: the attempt for its delivery's history, and the delivery's
 * new state, which follows from what came of the attempt.
 *
 * @param account        the delivery's account, whose counts its new state changes
 * @param nextAttemptAt  when a delivery left pending is due again; null otherwise
 * @param lastError      the delivery's reason (for a given-up delivery, why it was given up); the
 *                       attempt's own failure text is in {@code attempt}
 * @param endpointType   the delivery's endpoint type, which the delivery metrics are tagged with
 * @param eventCreatedAt when its event was stored, where the delivery latency metric starts
 * @param sent           whether anything went to the receiver, so the attempt tells of its health:
 *                       false when it was suppressed, or ended because its configuration is off
 */
public record SettledAttempt(
        String deliveryUuid,
        String configurationUuid,
        String account,
        DeliveryAttempt attempt,
        Instant nextAttemptAt,
        String lastError,
        String externalId,
        EndpointType endpointType,
        Instant eventCreatedAt,
        boolean sent) {

    public DeliveryState state() {
        return attempt.outcome().state();
    }
}
