package dev.herald.delivery;

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

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AttemptOutcome parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
