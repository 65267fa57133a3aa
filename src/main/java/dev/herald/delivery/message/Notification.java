package dev.herald.delivery.message;

import dev.herald.event.EventLevel;
import java.time.Instant;

/**
 * What every message says about one delivery of one event, whatever the endpoint type.
 *
 * @param digest the summary of the event's details, or null when they hold nothing to summarise
 * @param link   where to read more (from {@code herald.ui-url}), or null when it is not set
 */
public record Notification(
        String eventId,
        String deliveryId,
        String type,
        EventLevel level,
        String message,
        String account,
        String resourceType,
        String resourceId,
        String sourceService,
        String sourceHost,
        Instant time,
        Digest digest,
        String link) {
}
