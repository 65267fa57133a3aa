package dev.herald.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.delivery.outcome.DeliveryOutcome.Result;
import dev.herald.delivery.outcome.DeliveryOutcome;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.EndpointType;
import dev.herald.support.CapturedLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A broken receiver's failures in the log: each at WARN while there are few, then a count a minute. */
class FailureLogTest {

    private static final Instant START = Instant.parse("2026-12-02T09:00:00Z");

    private final SteppedClock clock = new SteppedClock();
    private final FailureLog failures = new FailureLog(clock);

    @Test
    void aThousandFailuresOfOneConfigurationOverAMinuteAndAHalfGiveFiveLinesAMinuteAndACountOfTheRest() {
        try (CapturedLog log = new CapturedLog()) {
            for (int i = 1; i <= 1000; i++) {
                failures.retried(outcome("config-a", 503), delivery(i), START.plusSeconds(60));
                clock.advance(Duration.ofMillis(100));
            }
            clock.advance(FailureLog.WINDOW);
            failures.closeWindows();

            String[] lines = failureLines(log);
            assertThat(lines).hasSize(2 * FailureLog.LINES + 2).allMatch(line -> line.startsWith("WARN "));
            assertThat(lines[0]).contains("Delivery delivery-1 to webhook configuration config-a "
                    + "failed (attempt 1): HTTP 503 Service Unavailable; retried at 2026-12-02T09:01:00Z");
            assertThat(lines[FailureLog.LINES])
                    .contains("Configuration config-a: 595 more failure lines in the minute from 2026-12-02T09:00:00Z");
            assertThat(lines[FailureLog.LINES + 1]).contains("Delivery delivery-601 ");
            assertThat(lines[2 * FailureLog.LINES + 1])
                    .contains("Configuration config-a: 395 more failure lines in the minute from 2026-12-02T09:01:00Z");
        }
    }

    @Test
    void eachConfigurationHasItsOwnAllowanceAndTheCountIsSaidWhenItsMinuteIsOver() {
        try (CapturedLog log = new CapturedLog()) {
            for (int i = 1; i <= 8; i++) {
                failures.retried(outcome("config-a", 500), delivery(i), START);
            }
            failures.dead(outcome("config-b", 404), delivery(99), "HTTP 404");
            assertThat(failureLines(log)).hasSize(FailureLog.LINES + 2);

            failures.closeWindows();
            assertThat(failureLines(log)).as("the minute is not over").hasSize(FailureLog.LINES + 2);
            clock.advance(FailureLog.WINDOW);
            failures.closeWindows();
            assertThat(failureLines(log)).hasSize(FailureLog.LINES + 3);
            assertThat(log.text()).contains("Configuration config-a: 3 more failure lines")
                    .doesNotContain("Configuration config-b:")
                    .contains("Delivery delivery-99 to webhook configuration config-b is dead: HTTP 404");
        }
    }

    private static String[] failureLines(CapturedLog log) {
        return Arrays.stream(log.text().split("\n")).filter(line -> line.contains(FailureLog.class.getName())).toArray(String[]::new);
    }

    private static DeliveryOutcome outcome(String configuration, int status) {
        return new DeliveryOutcome("delivery", configuration, Result.RETRYABLE, status,
                "HTTP " + status + (status == 503 ? " Service Unavailable" : ""), null, null);
    }

    private static ClaimedDelivery delivery(int number) {
        return new ClaimedDelivery("delivery-" + number, 1, 0, EndpointType.WEBHOOK, true, null, null, START, START);
    }

    /** A clock the test moves. */
    private static final class SteppedClock extends Clock {

        private Instant now = START;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
