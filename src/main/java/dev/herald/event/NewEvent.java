package dev.herald.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A validated event about to be stored.
 *
 * @param eventId the producer's own id, or null to let the database make one; a repeat of an id
 *                already stored is not stored again, so a producer may safely retry a POST
 * @param detailsJson the details as the JSON text stored: the parser has written them once to check
 *                    their size, and a post of 500 events would otherwise write them all again
 */
public record NewEvent(
        String eventId,
        String type,
        EventLevel level,
        String message,
        JsonNode details,
        String detailsJson,
        Instant timestamp,
        Event.Resource resource,
        Event.Source source) {

    /** An event Herald makes itself, whose details are written to text here. */
    public NewEvent(String eventId, String type, EventLevel level, String message, JsonNode details, Instant timestamp,
            Event.Resource resource, Event.Source source) {
        this(eventId, type, level, message, details, details.toString(), timestamp, resource, source);
    }
}
