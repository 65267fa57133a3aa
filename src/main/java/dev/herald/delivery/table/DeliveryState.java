package dev.herald.delivery.table;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a delivery stands. {@code pending} deliveries are due at {@code next_attempt_at}, new ones
 * and those waiting for a retry alike; the others are final (until replayed).
 */
public enum DeliveryState {
    PENDING,
    DELIVERED,
    /** Given up on: a terminal answer, or the retry budget spent. Kept with its attempts; replayable. */
    DEAD,
    /** Its endpoint type was disabled system-wide when it was due: recorded, not sent. */
    SUPPRESSED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryState> parse(String text) {
        for (DeliveryState state : values()) {
            if (state.apiName().equals(text)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return apiName();
    }
}
