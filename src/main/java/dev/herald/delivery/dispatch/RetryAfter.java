package dev.herald.delivery.dispatch;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A receiver's {@code Retry-After} header (RFC 9110 §10.2.3): a number of seconds, or an HTTP date
 * ({@code Wed, 21 Oct 2026 07:28:00 GMT}). A value of any other form is ignored, as if not sent.
 */
final class RetryAfter {

    private RetryAfter() {
    }

    /** The earliest time the receiver wants to hear from Herald again; a date in the past means now. */
    static Optional<Instant> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Optional.of(now.plusSeconds(Long.parseLong(text)));
            }
            Instant date = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(date.isBefore(now) ? now : date);
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            // too large a number, or not a date: not a Retry-After Herald can follow
            return Optional.empty();
        }
    }
}
