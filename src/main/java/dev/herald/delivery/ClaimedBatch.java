package dev.herald.delivery;

import java.util.List;

/**
 * One dispatch batch.
 *
 * @param full true when the claim saw as many due deliveries as a batch may hold (some perhaps deferred
 *             by rate limits), so more may be due right away
 */
public record ClaimedBatch(List<ClaimedDelivery> deliveries, boolean full) {
}
