package dev.herald.delivery;

import java.util.List;

/**
 * One dispatch batch.
 *
 * @param full true when the batch was as large as allowed, so more may be due right away
 */
public record ClaimedBatch(List<ClaimedDelivery> deliveries, boolean full) {
}
