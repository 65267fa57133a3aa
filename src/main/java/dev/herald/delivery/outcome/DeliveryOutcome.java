package dev.herald.delivery.outcome;

import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.secret.Redaction;

/**
 * The result of one attempt at a delivery, as its channel saw it. What follows a failure (a
 * retry, or dead) is for the {@link RetryPolicy} to say when dispatch records the attempt.
 *
 * @param statusCode the receiver's status code (HTTP status, SMTP reply code), if it answered
 * @param error      why it failed or was not sent; never holds a secret: {@link #failed} removes the
 *                   configuration's sensitive texts, whatever the channel put in it
 * @param externalId what the receiver made of it, if it says: the issue number (GitHub) or key
 *                   (Jira) the delivery opened or commented on
 * @param retryAfter the receiver's {@code Retry-After} header as it sent it, if it did: the next
 *                   attempt waits at least that long
 */
public record DeliveryOutcome(
        String deliveryUuid,
        String configurationUuid,
        Result result,
        Integer statusCode,
        String error,
        String externalId,
        String retryAfter) {

    /** How the attempt ended, as {@link RetryableFailures} classifies a failure. */
    public enum Result {
        DELIVERED,
        /** Failed in a way another attempt may mend: a connection error, a timeout, 429, most 5xx. */
        RETRYABLE,
        /** Failed for good: the receiver refused the request, or Herald refused the configuration. */
        TERMINAL,
        /** Not sent: its endpoint type was disabled when it was due. */
        SUPPRESSED
    }

    static final int MAX_ERROR_LENGTH = 2048;

    public boolean isDelivered() {
        return result == Result.DELIVERED;
    }

    public static DeliveryOutcome delivered(ClaimedDelivery delivery, Integer statusCode) {
        return delivered(delivery, statusCode, null);
    }

    public static DeliveryOutcome delivered(ClaimedDelivery delivery, Integer statusCode, String externalId) {
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(), Result.DELIVERED, statusCode,
                null, externalId, null);
    }

    public static DeliveryOutcome failed(ClaimedDelivery delivery, Integer statusCode, String error, boolean retryable) {
        return failed(delivery, statusCode, error, retryable, null);
    }

    /**
     * The one way a failure text is recorded: the configuration's sensitive texts removed, then cut
     * to length (in this order, so the cut cannot leave part of a secret the redaction misses).
     */
    public static DeliveryOutcome failed(ClaimedDelivery delivery, Integer statusCode, String error, boolean retryable,
            String retryAfter) {
        String redacted = Redaction.of(delivery.configuration().settings()).apply(error);
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(),
                retryable ? Result.RETRYABLE : Result.TERMINAL, statusCode, limit(redacted), null, retryAfter);
    }

    /** The call threw: retryable or not as {@link RetryableFailures#exception} says. */
    public static DeliveryOutcome failed(ClaimedDelivery delivery, Throwable error) {
        return failed(delivery, null, DeliveryOutcomes.describe(error), RetryableFailures.exception(error));
    }

    public static DeliveryOutcome suppressed(ClaimedDelivery delivery, String reason) {
        return new DeliveryOutcome(delivery.uuid(), delivery.configuration().uuid(), Result.SUPPRESSED, null, reason,
                null, null);
    }

    /** A text cut to what the records hold. */
    public static String limit(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
