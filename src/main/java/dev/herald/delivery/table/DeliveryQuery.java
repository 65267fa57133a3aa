package dev.herald.delivery.table;

import dev.herald.endpoint.EndpointType;
import java.time.Instant;

/**
 * Filters of {@code GET /v2/notifications/deliveries}, within one account; null means "any".
 *
 * @param eventId  the public id of an event
 * @param digestId a digest's id: the deliveries it carried
 * @param since   deliveries created after this time
 * @param page    1-based page number
 */
public record DeliveryQuery(
        String account,
        DeliveryState state,
        EndpointType endpointType,
        String configurationUuid,
        String eventId,
        String digestId,
        Instant since,
        int page,
        int limit) {
}
