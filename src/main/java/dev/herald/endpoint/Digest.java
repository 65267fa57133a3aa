package dev.herald.endpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.validation.JsonInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A configuration's {@code digest}: its deliveries go out together as one message, when the window
 * that opened with the oldest of them has closed ({@code window_seconds} after it was created) or
 * when {@code max_events} of them are waiting, whichever comes first. Null on a configuration
 * without one, whose deliveries go out one by one.
 */
public record Digest(int windowSeconds, int maxEvents) {

    /** The request field, among those every configuration takes. */
    public static final String FIELD = "digest";
    public static final int MAX_WINDOW_SECONDS = 86_400;
    public static final int MAX_EVENTS = 10_000;

    /** When the window of a delivery created at {@code createdAt} closes. */
    public Instant closes(Instant createdAt) {
        return createdAt.plus(Duration.ofSeconds(windowSeconds));
    }

    /**
     * Reads {@code digest} of a request, reporting each problem with its field
     * ({@code digest.window_seconds}); absent or null: none.
     */
    public static Digest read(JsonInput input) {
        if (!input.has(FIELD)) {
            return null;
        }
        JsonInput digest = input.object(FIELD, false);
        digest.rejectUnknownFields(List.of("window_seconds", "max_events"));
        Integer window = digest.requiredInt("window_seconds", 1, MAX_WINDOW_SECONDS);
        Integer max = digest.requiredInt("max_events", 1, MAX_EVENTS);
        return window == null || max == null ? null : new Digest(window, max);
    }

    /** Writes it as a request gives it; nothing for none. */
    public static void writeTo(Digest digest, ObjectNode node) {
        if (digest != null) {
            node.putObject(FIELD).put("window_seconds", digest.windowSeconds()).put("max_events", digest.maxEvents());
        }
    }
}
