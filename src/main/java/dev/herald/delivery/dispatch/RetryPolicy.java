package dev.herald.delivery.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a delivery whose attempt failed in a retryable way is tried again, or given up on
 * (DESIGN §8). The delay is exponential backoff with full jitter: uniformly random between zero and
 * {@code backoff-base × 2^(attempt − 1)}, that ceiling capped at {@code backoff-cap}, so receivers
 * that come back are not met by every delivery at once. A receiver's {@code Retry-After} is a floor.
 * The budget: {@code max-attempts} attempts within {@code max-age} of the delivery's creation (or of
 * its last replay); the last retry falls on the deadline rather than past it.
 */
public final class RetryPolicy {

    /** What follows a retryable failure. */
    public sealed interface Decision permits RetryAt, GiveUp {
    }

    /** Pending again, due at {@code at}. */
    public record RetryAt(Instant at) implements Decision {
    }

    /** Dead, with the reason. */
    public record GiveUp(String reason) implements Decision {
    }

    private final int maxAttempts;
    private final Duration maxAge;
    private final Duration base;
    private final Duration cap;
    private final DoubleSupplier random;

    /**
     * @param random a uniform value in [0, 1) for each delay
     */
    public RetryPolicy(int maxAttempts, Duration maxAge, Duration base, Duration cap, DoubleSupplier random) {
        this.maxAttempts = maxAttempts;
        this.maxAge = maxAge;
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /**
     * @param attempt     the attempt that failed, counted within the budget (1 for the first)
     * @param budgetStart when the delivery was created, or last replayed
     * @param retryAfter  the receiver's {@code Retry-After} as sent, or null
     * @param reason      why the attempt failed (already redacted)
     */
    public Decision afterRetryableFailure(int attempt, Instant budgetStart, String retryAfter, String reason, Instant now) {
        if (attempt >= maxAttempts) {
            return giveUp(attempt, "", reason);
        }
        Instant deadline = budgetStart.plus(maxAge);
        if (!now.isBefore(deadline)) {
            return giveUp(attempt, ", herald.delivery.max-age reached", reason);
        }
        Optional<Instant> asked = RetryAfter.parse(retryAfter, now);
        if (asked.isPresent() && asked.get().isAfter(deadline)) {
            return giveUp(attempt, ", the receiver's Retry-After (" + asked.get() + ") is past herald.delivery.max-age", reason);
        }
        Instant backedOff = now.plus(backoff(attempt));
        Instant at = asked.filter(wanted -> wanted.isAfter(backedOff)).orElse(backedOff);
        return new RetryAt(at.isAfter(deadline) ? deadline : at);
    }

    /** The delay after the attempt: full jitter under the capped exponential ceiling. */
    Duration backoff(int attempt) {
        double ceiling = Math.min(cap.toNanos(), base.toNanos() * Math.pow(2, attempt - 1));
        return Duration.ofNanos((long) (ceiling * random.getAsDouble()));
    }

    private static GiveUp giveUp(int attempts, String why, String reason) {
        return new GiveUp("gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts") + why + ": " + reason);
    }
}
