package dev.herald.delivery.table;

import dev.herald.event.Event;

/**
 * One delivery a digest carries: its own row, whose attempt is recorded with the digest's outcome,
 * and its event as the message shows it.
 *
 * @param attempt this attempt's number for the delivery, from 1
 */
public record DigestEvent(String deliveryUuid, int attempt, Event event) {
}
