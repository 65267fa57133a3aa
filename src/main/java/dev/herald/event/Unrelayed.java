package dev.herald.event;

import java.time.Instant;

/**
 * The events stored and not relayed yet, as the metrics show them: a burst waits here while
 * dispatch's slots are taken.
 *
 * @param oldestCreatedAt when the oldest of them was stored; null when there is none
 */
public record Unrelayed(long count, Instant oldestCreatedAt) {
}
