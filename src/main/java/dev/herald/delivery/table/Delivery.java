package dev.herald.delivery.table;

import dev.herald.endpoint.EndpointType;
import java.time.Instant;

/**
 * A delivery as the history shows it.
 *
 * @param eventId    the public id of the event delivered
 * @param externalId the issue number or key the last attempt opened or commented on (GitHub, Jira)
 * @param digestId   the digest it went out in, or null when it goes out on its own
 * @param replayedAt when it was last put back in the queue by a replay, if it was
 */
public record Delivery(
        String uuid,
        String eventId,
        String configurationUuid,
        EndpointType endpointType,
        String account,
        DeliveryState state,
        int attempts,
        Instant nextAttemptAt,
        Integer lastStatusCode,
        String lastError,
        String externalId,
        Instant createdAt,
        Instant updatedAt,
        Instant deliveredAt,
        Instant replayedAt,
        String digestId) {
}
