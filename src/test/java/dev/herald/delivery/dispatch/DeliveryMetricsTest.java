package dev.herald.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.delivery.table.AttemptOutcome;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.delivery.table.DeliveryAttempt;
import dev.herald.delivery.table.SettledAttempt;
import dev.herald.endpoint.EndpointType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeliveryMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T09:08:54Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry);

    @Test
    void everySeriesStartsAtZero() {
        for (EndpointType type : EndpointType.values()) {
            assertThat(registry.get("herald.delivery.attempts").tag("endpoint_type", type.apiName()).counter().count()).isZero();
            for (AttemptOutcome outcome : AttemptOutcome.values()) {
                assertThat(registry.get("herald.deliveries").tag("endpoint_type", type.apiName())
                        .tag("outcome", outcome.apiName()).counter().count()).isZero();
            }
        }
        assertThat(registry.get("herald.events.relayed").counter().count()).isZero();
    }

    @Test
    void relayedEventsAreCounted() {
        metrics.relayed(3);
        metrics.relayed(0);

        assertThat(registry.get("herald.events.relayed").counter().count()).isEqualTo(3);
    }

    @Test
    void everyClaimIsAnAttemptAndAClaimAfterTheFirstIsARetry() {
        metrics.claimed(List.of(claimed(EndpointType.WEBHOOK, 1), claimed(EndpointType.WEBHOOK, 2),
                claimed(EndpointType.SLACK, 3)));

        assertThat(counter("herald.delivery.attempts", EndpointType.WEBHOOK)).isEqualTo(2);
        assertThat(counter("herald.delivery.retries", EndpointType.WEBHOOK)).isEqualTo(1);
        assertThat(counter("herald.delivery.attempts", EndpointType.SLACK)).isEqualTo(1);
        assertThat(counter("herald.delivery.retries", EndpointType.SLACK)).isEqualTo(1);
        assertThat(counter("herald.delivery.attempts", EndpointType.SMTP)).isZero();
    }

    @Test
    void attemptsAreCountedByEndpointTypeAndOutcomeAndTimedFromTheEvent() {
        metrics.recorded(List.of(outcome(EndpointType.WEBHOOK, AttemptOutcome.DELIVERED, NOW.minusSeconds(2)),
                outcome(EndpointType.WEBHOOK, AttemptOutcome.DELIVERED, NOW.minusMillis(500)),
                outcome(EndpointType.TEAMS, AttemptOutcome.SUPPRESSED, NOW.minusSeconds(40)),
                outcome(EndpointType.SLACK, AttemptOutcome.RETRY, NOW.minusSeconds(1)),
                outcome(EndpointType.SLACK, AttemptOutcome.DEAD, NOW.minusSeconds(1))), NOW);

        var delivered = registry.get("herald.delivery.latency").tag("endpoint_type", "webhook").tag("outcome", "delivered");
        assertThat(registry.get("herald.deliveries").tag("endpoint_type", "webhook").tag("outcome", "delivered").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get("herald.deliveries").tag("endpoint_type", "teams").tag("outcome", "suppressed").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("herald.deliveries").tag("endpoint_type", "slack").tag("outcome", "retry").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("herald.deliveries").tag("endpoint_type", "slack").tag("outcome", "dead").counter()
                .count()).isEqualTo(1);
        assertThat(delivered.timer().count()).isEqualTo(2);
        assertThat(delivered.timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2500);
        assertThat(registry.get("herald.delivery.latency").tag("endpoint_type", "teams").timer().max(TimeUnit.SECONDS))
                .isEqualTo(40);
    }

    @Test
    void theLatencyHistogramHasBucketsFromASecondToAnHour() {
        metrics.recorded(List.of(outcome(EndpointType.WEBHOOK, AttemptOutcome.DELIVERED, NOW.minusSeconds(3))), NOW);

        var buckets = registry.get("herald.delivery.latency").timer().takeSnapshot().histogramCounts();
        assertThat(buckets).extracting(bucket -> Duration.ofNanos((long) bucket.bucket()))
                .contains(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1));
        assertThat(buckets).filteredOn(bucket -> bucket.bucket() == Duration.ofSeconds(5).toNanos())
                .singleElement().satisfies(bucket -> assertThat(bucket.count()).isEqualTo(1));
        assertThat(buckets).filteredOn(bucket -> bucket.bucket() == Duration.ofMillis(2500).toNanos())
                .singleElement().satisfies(bucket -> assertThat(bucket.count()).isZero());
    }

    @Test
    void anOutcomeWithoutAnEventTimeIsCountedButNotTimed() {
        metrics.recorded(List.of(outcome(EndpointType.SMTP, AttemptOutcome.DELIVERED, null)), NOW);

        assertThat(registry.get("herald.deliveries").tag("endpoint_type", "smtp").tag("outcome", "delivered").counter()
                .count()).isEqualTo(1);
        assertThat(registry.find("herald.delivery.latency").timer()).isNull();
    }

    private double counter(String name, EndpointType type) {
        return registry.get(name).tag("endpoint_type", type.apiName()).counter().count();
    }

    private static ClaimedDelivery claimed(EndpointType type, int attempt) {
        return new ClaimedDelivery("delivery-" + attempt, attempt, 0, type, true, null, null, NOW, NOW);
    }

    private static SettledAttempt outcome(EndpointType type, AttemptOutcome outcome, Instant eventCreatedAt) {
        return new SettledAttempt("delivery", "configuration", "admin", new DeliveryAttempt(1, NOW, NOW, null, null, outcome),
                null, null, null, type, eventCreatedAt, true);
    }
}
