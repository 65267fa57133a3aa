package dev.herald.delivery;

import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.event.Event;

/**
 * A delivery this process has claimed and is about to send: what the deliver-&lt;type&gt; routes
 * receive as their body.
 *
 * @param attempt         this attempt's number, from 1
 * @param endpointEnabled false when the admin has disabled the endpoint type
 */
public record ClaimedDelivery(
        String uuid,
        int attempt,
        EndpointType endpointType,
        boolean endpointEnabled,
        EndpointConfiguration configuration,
        Event event) {
}
