package dev.herald.event;

import java.util.Locale;
import java.util.Optional;

/** An event's level, as Anchore names them. */
public enum EventLevel {
    INFO,
    ERROR;

    /** The lower-case name used in JSON and in the database. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a level, accepting Anchore's upper-case spelling too. */
    public static Optional<EventLevel> parse(String text) {
        for (EventLevel level : values()) {
            if (level.name().equalsIgnoreCase(text)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return apiName();
    }
}
