package dev.herald.delivery;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a delivery stands. {@code pending} deliveries are due at {@code next_attempt_at}; the
 * others are final (until replayed).
 */
public enum DeliveryState {
    PENDING,
    DELIVERED,
    FAILED,
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
