package dev.herald.delivery.table;

import dev.herald.endpoint.EndpointType;
import dev.herald.event.EventLevel;
import dev.herald.event.Severity;

/**
 * A delivery the relay creates: one event (by its database key) to one configuration.
 *
 * @param minSeverity the floor of its message's vulnerability lists, from the selectors that chose
 *                    it; null to list every vulnerability
 * @param eventLevel  its event's level, kept on the delivery for quiet hours that let some levels
 *                    through, so a claim need not look the event up
 */
public record NewDelivery(String uuid, long eventKey, String configurationUuid, EndpointType endpointType, String account,
        Severity minSeverity, EventLevel eventLevel) {
}
