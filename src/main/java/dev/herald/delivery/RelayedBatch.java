package dev.herald.delivery;

/**
 * What one relay transaction did.
 *
 * @param full true when as many events were claimed as allowed, so more may be waiting
 */
public record RelayedBatch(int events, int deliveries, boolean full) {
}
