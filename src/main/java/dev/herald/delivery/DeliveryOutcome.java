package dev.herald.delivery;

import dev.herald.endpoint.secret.Redaction;

/**
 * The result of one attempt at a delivery.
 *
 * @param statusCode the receiver's status code, if it answered
 * @param error      why it failed or was not sent; never holds a secret: {@link #failed} removes the
 *                   configuration's sensitive texts, whatever the channel put in it
 * @param externalId what the receiver made of it, if it says: the issue number (GitHub) or key
 *                   (Jira) the delivery opened or commented on
 */
public record DeliveryOutcome(
        String deliveryUuid,
        String configurationUuid,
        DeliveryState state,
        Integer statusCode,
        String error,
        String externalId) {

    static final int MAX_ERROR_LENGTH = 2048;

    public static DeliveryOutcome delivered(ClaimedDelivery delivery, Integer statusCode) {
        return delivered(delivery, statusCode, null);
    }

    public static DeliveryOutcome delivered(ClaimedDelivery delivery, Integer statusCode, String externalId) {
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(), DeliveryState.DELIVERED, statusCode,
                null, externalId);
    }

    /**
     * The one way a failure text is recorded: the configuration's sensitive texts removed, then cut
     * to length (in this order, so the cut cannot leave part of a secret the redaction misses).
     */
    public static DeliveryOutcome failed(ClaimedDelivery delivery, Integer statusCode, String error) {
        String redacted = Redaction.of(delivery.configuration().settings()).apply(error);
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(), DeliveryState.FAILED, statusCode,
                truncate(redacted), null);
    }

    public static DeliveryOutcome suppressed(ClaimedDelivery delivery, String reason) {
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(), DeliveryState.SUPPRESSED, null, reason,
                null);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
