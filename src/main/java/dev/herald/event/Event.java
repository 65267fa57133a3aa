package dev.herald.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A stored event in Anchore's model. It belongs to {@code resource.account_name}.
 *
 * @param id        the database key, used to order and reference events internally
 * @param eventId   the public id (Anchore's 32 hex characters unless the producer chose one)
 * @param timestamp when the event happened, as the producer said
 * @param createdAt when Herald stored it
 */
public record Event(
        long id,
        String eventId,
        String type,
        EventLevel level,
        String message,
        JsonNode details,
        Instant timestamp,
        Resource resource,
        Source source,
        Instant createdAt) {

    /** What the event is about; {@code accountName} owns the event. */
    public record Resource(String accountName, String type, String id) {
    }

    /** Which service and host produced the event. */
    public record Source(String serviceName, String hostId, String baseUrl, String requestId) {
    }

    public String accountName() {
        return resource.accountName();
    }

    /** The same event with other details (e.g. only the vulnerabilities a delivery's floor keeps). */
    public Event withDetails(JsonNode otherDetails) {
        return otherDetails == details ? this
                : new Event(id, eventId, type, level, message, otherDetails, timestamp, resource, source, createdAt);
    }
}
