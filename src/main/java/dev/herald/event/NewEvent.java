package dev.herald.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A validated event about to be stored.
 *
 * @param eventId the producer's own id, or null to let the database make one; a repeat of an id
 *                already stored is not stored again, so a producer may safely retry a POST
 */
public record NewEvent(
        String eventId,
        String type,
        EventLevel level,
        String message,
        JsonNode details,
        Instant timestamp,
        Event.Resource resource,
        Event.Source source) {
}
