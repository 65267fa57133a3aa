package dev.herald.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.delivery.dispatch.RetryPolicy.Decision;
import dev.herald.delivery.dispatch.RetryPolicy.GiveUp;
import dev.herald.delivery.dispatch.RetryPolicy.RetryAt;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryPolicyTest {

    private static final Instant CREATED = Instant.parse("2026-11-21T09:00:00Z");
    private static final Instant NOW = CREATED.plusSeconds(60);
    private static final Duration BASE = Duration.ofSeconds(10);
    private static final Duration CAP = Duration.ofSeconds(600);
    private static final Duration MAX_AGE = Duration.ofHours(24);

    /** A policy whose random draws are always {@code draw}. */
    private static RetryPolicy policy(int maxAttempts, double draw) {
        return new RetryPolicy(maxAttempts, MAX_AGE, BASE, CAP, () -> draw);
    }

    @ParameterizedTest(name = "attempt {0}: the delay is within [0, {1} s)")
    @CsvSource({"1, 10", "2, 20", "3, 40", "4, 80", "6, 320", "7, 600", "8, 600", "30, 600"})
    void theDelayIsFullJitterUnderADoublingCeilingCapped(int attempt, long ceilingSeconds) {
        Duration ceiling = Duration.ofSeconds(ceilingSeconds);

        assertThat(policy(99, 0.0).backoff(attempt)).isZero();
        assertThat(policy(99, 0.5).backoff(attempt)).isEqualTo(ceiling.dividedBy(2));
        assertThat(policy(99, 0.999_999).backoff(attempt)).isLessThan(ceiling).isGreaterThan(ceiling.multipliedBy(99).dividedBy(100));
    }

    @Test
    void realRandomDrawsStayWithinTheBounds() {
        RetryPolicy policy = new RetryPolicy(99, MAX_AGE, BASE, CAP, Math::random);
        for (int i = 0; i < 1000; i++) {
            assertThat(policy.backoff(3)).isBetween(Duration.ZERO, Duration.ofSeconds(40));
            assertThat(policy.backoff(12)).isBetween(Duration.ZERO, CAP);
        }
    }

    @Test
    void aRetryableFailureIsRetriedAfterTheBackoff() {
        Decision decision = policy(8, 0.5).afterRetryableFailure(2, CREATED, null, "HTTP 503", NOW);

        assertThat(decision).isEqualTo(new RetryAt(NOW.plusSeconds(10)));
    }

    @Test
    void theLastAttemptGivesUpWithTheReason() {
        assertThat(policy(8, 0.5).afterRetryableFailure(8, CREATED, null, "HTTP 503: busy", NOW))
                .isEqualTo(new GiveUp("gave up after 8 attempts: HTTP 503: busy"));
        assertThat(policy(1, 0.5).afterRetryableFailure(1, CREATED, null, "SocketTimeoutException: Read timed out", NOW))
                .isEqualTo(new GiveUp("gave up after 1 attempt: SocketTimeoutException: Read timed out"));
    }

    @Test
    void retryAfterInSecondsIsAFloorForTheDelay() {
        assertThat(policy(8, 0.0).afterRetryableFailure(1, CREATED, "120", "HTTP 429", NOW))
                .isEqualTo(new RetryAt(NOW.plusSeconds(120)));
        assertThat(policy(8, 0.5).afterRetryableFailure(5, CREATED, "2", "HTTP 429", NOW))
                .as("a longer backoff wins").isEqualTo(new RetryAt(NOW.plusSeconds(80)));
    }

    @Test
    void retryAfterAsAnHttpDateIsAFloorForTheDelay() {
        Instant asked = NOW.plusSeconds(300);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(asked.atOffset(ZoneOffset.UTC));

        assertThat(policy(8, 0.5).afterRetryableFailure(1, CREATED, date, "HTTP 503", NOW)).isEqualTo(new RetryAt(asked));
        assertThat(policy(8, 0.5).afterRetryableFailure(1, CREATED, "Sat, 21 Nov 2026 08:00:00 GMT", "HTTP 503", NOW))
                .as("a date in the past asks for nothing").isEqualTo(new RetryAt(NOW.plusSeconds(5)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-5", "1.5", "99999999999999999999", "21 Nov 2026"})
    void aRetryAfterOfAnotherFormIsIgnored(String value) {
        assertThat(policy(8, 0.5).afterRetryableFailure(1, CREATED, value, "HTTP 503", NOW))
                .isEqualTo(new RetryAt(NOW.plusSeconds(5)));
    }

    @Test
    void aRetryAfterPastTheMaxAgeGivesUp() {
        Decision decision = policy(8, 0.5).afterRetryableFailure(2, CREATED, Long.toString(MAX_AGE.toSeconds()), "HTTP 429", NOW);

        assertThat(decision).isInstanceOfSatisfying(GiveUp.class, giveUp -> assertThat(giveUp.reason())
                .startsWith("gave up after 2 attempts, the receiver's Retry-After (2026-11-22T09:01:00Z) is past "
                        + "herald.delivery.max-age: HTTP 429"));
    }

    @Test
    void theLastRetryFallsOnTheMaxAgeAndAfterItTheDeliveryIsDead() {
        Instant deadline = CREATED.plus(MAX_AGE);
        Instant late = deadline.minusSeconds(30);

        assertThat(policy(99, 0.9).afterRetryableFailure(10, CREATED, null, "HTTP 502", late)).isEqualTo(new RetryAt(deadline));
        assertThat(policy(99, 0.9).afterRetryableFailure(11, CREATED, null, "HTTP 502", deadline))
                .isEqualTo(new GiveUp("gave up after 11 attempts, herald.delivery.max-age reached: HTTP 502"));
    }

    @Test
    void theBudgetRunsFromTheReplay() {
        Instant replayed = NOW.plus(Duration.ofDays(3));

        assertThat(policy(8, 0.5).afterRetryableFailure(1, replayed, null, "HTTP 503", replayed.plusSeconds(1)))
                .isEqualTo(new RetryAt(replayed.plusSeconds(6)));
    }
}
