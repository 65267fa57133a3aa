package dev.herald.event;

import java.time.Instant;

/**
 * Filters of {@code GET /v2/events} (Anchore's), within one account; null means "any".
 *
 * @param eventType a prefix of the event type, where {@code *} stands for any characters
 * @param page      1-based page number
 */
public record EventQuery(
        String account,
        String sourceServiceName,
        String sourceHostId,
        String eventType,
        String resourceType,
        String resourceId,
        EventLevel level,
        Instant since,
        Instant before,
        int page,
        int limit) {
}
