package dev.herald.delivery;

/**
 * The result of one attempt at a delivery.
 *
 * @param statusCode the receiver's status code, if it answered
 * @param error      why it failed or was not sent; never holds a secret
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

    public static DeliveryOutcome failed(ClaimedDelivery delivery, Integer statusCode, String error) {
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(), DeliveryState.FAILED, statusCode,
                truncate(error), null);
    }

    public static DeliveryOutcome suppressed(ClaimedDelivery delivery, String reason) {
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(), DeliveryState.SUPPRESSED, null, reason,
                null);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
