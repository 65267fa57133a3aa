package dev.herald.delivery.table;

import dev.herald.endpoint.EndpointType;

/** A delivery the relay creates: one event (by its database key) to one configuration. */
public record NewDelivery(String uuid, long eventKey, String configurationUuid, EndpointType endpointType, String account) {
}
