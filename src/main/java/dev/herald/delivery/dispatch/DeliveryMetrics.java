package dev.herald.delivery.dispatch;

import dev.herald.delivery.table.AttemptOutcome;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.delivery.table.DigestEvent;
import dev.herald.delivery.table.SettledAttempt;
import dev.herald.endpoint.EndpointType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Herald's meters of the pipeline: events relayed, delivery attempts and retries by endpoint type,
 * recorded outcomes by endpoint type and outcome, and the time from an event being stored to each
 * outcome. Tags carry endpoint types and outcome names only, never an account, a configuration or
 * a URL. Outcome names are those of the attempts' history: delivered, retry, dead, suppressed.
 */
public final class DeliveryMetrics {

    static final String ENDPOINT_TYPE = "endpoint_type";
    static final String OUTCOME = "outcome";

    /** From well under a cycle to an hour: a first attempt takes about a relay cycle, retries longer. */
    static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
        Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    private final MeterRegistry registry;
    private final Counter relayed;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.relayed = Counter.builder("herald.events.relayed")
                .description("Events relayed into deliveries (each event once, whatever it matched)")
                .register(registry);
        // every series exists from the start, so a first increment shows in rate() and increase()
        for (EndpointType type : EndpointType.values()) {
            attempts(type);
            retries(type);
            for (AttemptOutcome outcome : AttemptOutcome.values()) {
                outcomes(Tags.of(ENDPOINT_TYPE, type.apiName(), OUTCOME, outcome.apiName()));
            }
        }
    }

    public void relayed(int events) {
        relayed.increment(events);
    }

    /**
     * Every claim is an attempt, as the deliveries' attempts column counts (a digest's claim one for
     * each delivery it carries); a later one is a retry.
     */
    void claimed(List<ClaimedDelivery> deliveries) {
        for (ClaimedDelivery delivery : deliveries) {
            List<Integer> counted = delivery.isDigest()
                    ? delivery.digestEvents().stream().map(DigestEvent::attempt).toList() : List.of(delivery.attempt());
            attempts(delivery.endpointType()).increment(counted.size());
            long retried = counted.stream().filter(attempt -> attempt > 1).count();
            if (retried > 0) {
                retries(delivery.endpointType()).increment(retried);
            }
        }
    }

    /** Attempts that were recorded, at {@code now}. */
    void recorded(List<SettledAttempt> attempts, Instant now) {
        for (SettledAttempt attempt : attempts) {
            Tags tags = Tags.of(ENDPOINT_TYPE, attempt.endpointType().apiName(),
                    OUTCOME, attempt.attempt().outcome().apiName());
            outcomes(tags).increment();
            if (attempt.eventCreatedAt() != null && !attempt.eventCreatedAt().isAfter(now)) {
                latency(tags).record(Duration.between(attempt.eventCreatedAt(), now));
            }
        }
    }

    private Counter attempts(EndpointType type) {
        return Counter.builder("herald.delivery.attempts")
                .description("Delivery attempts: deliveries claimed for sending")
                .tag(ENDPOINT_TYPE, type.apiName())
                .register(registry);
    }

    private Counter retries(EndpointType type) {
        return Counter.builder("herald.delivery.retries")
                .description("Delivery attempts after the first one of the same delivery")
                .tag(ENDPOINT_TYPE, type.apiName())
                .register(registry);
    }

    private Counter outcomes(Tags tags) {
        return Counter.builder("herald.deliveries")
                .description("Delivery attempts recorded, by endpoint type and what followed: delivered, retry, dead, suppressed")
                .tags(tags)
                .register(registry);
    }

    private Timer latency(Tags tags) {
        return Timer.builder("herald.delivery.latency")
                .description("Time from an event being stored to the recorded outcome of one of its deliveries")
                .tags(tags)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }
}
