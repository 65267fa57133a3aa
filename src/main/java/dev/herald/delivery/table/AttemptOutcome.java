package dev.herald.delivery.table;

import java.util.Locale;

/** What followed one attempt at a delivery, as its history shows it. */
public enum AttemptOutcome {
    DELIVERED,
    /** It failed in a retryable way and was scheduled again. */
    RETRY,
    /** It failed, and the delivery was given up on. */
    DEAD,
    /** Not sent: its endpoint type was disabled. */
    SUPPRESSED;

    /** The state this outcome leaves its delivery in. */
    public DeliveryState state() {
        return switch (this) {
            case DELIVERED -> DeliveryState.DELIVERED;
            case RETRY -> DeliveryState.PENDING;
            case DEAD -> DeliveryState.DEAD;
            case SUPPRESSED -> DeliveryState.SUPPRESSED;
        };
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AttemptOutcome parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
