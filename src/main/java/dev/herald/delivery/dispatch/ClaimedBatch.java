package dev.herald.delivery.dispatch;

import dev.herald.delivery.table.ClaimedDelivery;
import java.util.List;

/**
 * What one claim pass took.
 *
 * @param more true when the claim filled the slots it was given and slots are still free, so more may
 *             be claimed right away
 */
public record ClaimedBatch(List<ClaimedDelivery> deliveries, boolean more) {

    static final ClaimedBatch NONE = new ClaimedBatch(List.of(), false);
}
