package dev.herald.delivery;

import dev.herald.endpoint.EndpointType;
import dev.herald.endpoint.secret.Redaction;
import java.time.Instant;

/**
 * The result of one attempt at a delivery.
 *
 * @param statusCode the receiver's status code, if it answered
 * @param error      why it failed or was not sent; never holds a secret: {@link #failed} removes the
 *                   configuration's sensitive texts, whatever the channel put in it
 * @param externalId what the receiver made of it, if it says: the issue number (GitHub) or key
 *                   (Jira) the delivery opened or commented on
 * @param endpointType the delivery's endpoint type, which the delivery metrics are tagged with
 * @param eventCreatedAt when its event was stored, where the delivery latency metric starts
 */
public record DeliveryOutcome(
        String deliveryUuid,
        String configurationUuid,
        DeliveryState state,
        Integer statusCode,
        String error,
        String externalId,
        EndpointType endpointType,
        Instant eventCreatedAt) {

    static final int MAX_ERROR_LENGTH = 2048;

    public static DeliveryOutcome delivered(ClaimedDelivery delivery, Integer statusCode) {
        return delivered(delivery, statusCode, null);
    }

    public static DeliveryOutcome delivered(ClaimedDelivery delivery, Integer statusCode, String externalId) {
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(), DeliveryState.DELIVERED, statusCode,
                null, externalId, delivery.endpointType(), delivery.event().createdAt());
    }

    /**
     * The one way a failure text is recorded: the configuration's sensitive texts removed, then cut
     * to length (in this order, so the cut cannot leave part of a secret the redaction misses).
     */
    public static DeliveryOutcome failed(ClaimedDelivery delivery, Integer statusCode, String error) {
        String redacted = Redaction.of(delivery.configuration().settings()).apply(error);
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(), DeliveryState.FAILED, statusCode,
                truncate(redacted), null, delivery.endpointType(), delivery.event().createdAt());
    }

    public static DeliveryOutcome suppressed(ClaimedDelivery delivery, String reason) {
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(), DeliveryState.SUPPRESSED, null, reason,
                null, delivery.endpointType(), delivery.event().createdAt());
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
