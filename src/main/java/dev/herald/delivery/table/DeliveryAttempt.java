package dev.herald.delivery.table;

import java.time.Instant;

/**
 * One attempt at a delivery, as its history shows it.
 *
 * @param attempt    its number, from 1; replays go on counting
 * @param statusCode the receiver's status code, if it answered
 * @param error      why it failed, redacted as every failure text is
 */
public record DeliveryAttempt(
        int attempt,
        Instant startedAt,
        Instant finishedAt,
        Integer statusCode,
        String error,
        AttemptOutcome outcome) {
}
