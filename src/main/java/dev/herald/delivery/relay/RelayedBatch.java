package dev.herald.delivery.relay;

import dev.herald.delivery.table.ClaimedDelivery;
import java.util.List;

/**
 * What one relay transaction did.
 *
 * @param more       true when as many events were claimed as allowed and this process has slots for
 *                   more, so the route relays again at once
 * @param handedOver the deliveries it created already claimed for this process's dispatch, to send now
 */
public record RelayedBatch(int events, int deliveries, boolean more, List<ClaimedDelivery> handedOver) {

    static final RelayedBatch NONE = new RelayedBatch(0, 0, false, List.of());
}
