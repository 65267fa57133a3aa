package dev.herald.delivery;

import dev.herald.delivery.DeliveryPacing.Defer;
import dev.herald.delivery.DeliveryPacing.Placement;
import dev.herald.delivery.DeliveryPacing.SendAt;
import dev.herald.delivery.DeliveryRepository.ClaimPass;
import dev.herald.delivery.DeliveryRepository.ClaimedRow;
import dev.herald.delivery.RetryPolicy.Decision;
import dev.herald.delivery.RetryPolicy.RetryAt;
import dev.herald.endpoint.ConfigurationCatalog;
import dev.herald.endpoint.ConfigurationRepository;
import dev.herald.endpoint.ConfigurationSnapshot;
import dev.herald.endpoint.ConfigurationStatus;
import dev.herald.endpoint.EndpointConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch-deliveries route's bean: claims due deliveries for this process (paced by their
 * configurations' rate limits), hands them to the route with their event and configuration, and
 * records each attempt, with what follows it as the {@link RetryPolicy} says.
 */
public final class DeliveryDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);
    /** When the attempt in an exchange began: after its wait for a slot. */
    private static final String ATTEMPT_STARTED = "heraldAttemptStarted";
    private static final String SUPPRESSED = "suppressed";

    private final DeliveryRepository deliveries;
    private final ConfigurationRepository configurations;
    private final ConfigurationCatalog catalog;
    private final int batchSize;
    private final Duration claimTimeout;
    private final String claimant;
    private final Clock clock;
    private final RetryPolicy retries;
    private final DeliveryPacing pacing;
    private final DispatchPause pause;
    private final DeliveryMetrics metrics;

    public DeliveryDispatcher(DeliveryRepository deliveries, ConfigurationRepository configurations,
            ConfigurationCatalog catalog, int batchSize, Duration claimTimeout, String claimant, Clock clock,
            RetryPolicy retries, DeliveryPacing pacing, DispatchPause pause, DeliveryMetrics metrics) {
        this.deliveries = deliveries;
        this.configurations = configurations;
        this.catalog = catalog;
        this.batchSize = batchSize;
        this.claimTimeout = claimTimeout;
        this.claimant = claimant;
        this.clock = clock;
        this.retries = retries;
        this.pacing = pacing;
        this.pause = pause;
        this.metrics = metrics;
    }

    public ClaimedBatch claimDue() {
        if (pause.isPaused()) {
            return new ClaimedBatch(List.of(), false);
        }
        Instant now = clock.instant();
        ConfigurationSnapshot snapshot = catalog.current();
        DeliveryPacing.Pass pass = pacing.pass(now);
        Map<String, Instant> sendTimes = new HashMap<>();
        ClaimPass claim = deliveries.claimDue(batchSize, now, now.plus(claimTimeout), claimant, due -> {
            EndpointConfiguration configuration = snapshot.configurations().get(due.configurationUuid());
            // a deleted configuration's deliveries go with it; a disabled type's are suppressed, not sent
            if (configuration == null || !snapshot.isEnabled(due.endpointType())) {
                return Optional.empty();
            }
            Placement placement = pass.place(configuration.uuid(), configuration.rateLimit());
            if (placement instanceof Defer defer) {
                return Optional.of(defer.until());
            }
            sendTimes.put(due.uuid(), ((SendAt) placement).at());
            return Optional.empty();
        });
        LOG.debug("Claimed {} due deliveries", claim.claimed().size());
        if (claim.claimed().isEmpty()) {
            return new ClaimedBatch(List.of(), claim.full());
        }
        List<ClaimedDelivery> claimed = new ArrayList<>(claim.claimed().size());
        for (ClaimedRow row : deliveries.loadClaimed(claim.claimed())) {
            EndpointConfiguration configuration = snapshot.configurations().get(row.configurationUuid());
            // a configuration deleted after the claim takes its deliveries with it (foreign key cascade)
            if (configuration != null) {
                claimed.add(new ClaimedDelivery(row.uuid(), row.attempt(), row.attemptsBeforeReplay(), row.endpointType(),
                        snapshot.isEnabled(row.endpointType()), configuration, row.event(), row.budgetStart(),
                        sendTimes.getOrDefault(row.uuid(), now)));
            }
        }
        metrics.claimed(claimed);
        return new ClaimedBatch(claimed, claim.full());
    }

    /**
     * For the route's content-based router: {@code suppressed} when the delivery's endpoint type is
     * disabled, else the type's name, which names its deliver route. Set once as a property, so the
     * router compares Strings instead of calling into the delivery for every branch.
     */
    public String routeOf(ClaimedDelivery delivery) {
        return delivery.endpointEnabled() ? delivery.endpointType().apiName() : SUPPRESSED;
    }

    /** For the route's Delay EIP: how long the delivery waits for its slot under its configuration's rate limit. */
    public long millisUntilSend(ClaimedDelivery delivery) {
        return Math.max(0, Duration.between(clock.instant(), delivery.sendAt()).toMillis());
    }

    /** Marks the start of the attempt, once its wait for a slot is over. */
    public void attemptStarts(Exchange exchange) {
        exchange.setProperty(ATTEMPT_STARTED, clock.instant());
    }

    /** The attempt the deliver route just made, for {@link #record}. */
    public Attempt attempted(Exchange exchange) {
        return new Attempt(exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class),
                exchange.getMessage().getBody(DeliveryOutcome.class), exchange.getProperty(ATTEMPT_STARTED, Instant.class),
                clock.instant());
    }

    /**
     * Records the batch's attempts: delivered, suppressed, dead at once (a terminal failure), or as
     * the retry policy says (pending until the next attempt, or dead with the reason). The
     * {@code Retry-After} of a receiver whose delivery is retried also holds its configuration's other
     * deliveries. Each configuration's status follows its latest sent attempt.
     */
    public void record(List<Attempt> attempts) {
        Instant now = clock.instant();
        List<SettledAttempt> settled = new ArrayList<>(attempts.size());
        Map<String, ConfigurationStatus> statuses = new LinkedHashMap<>();
        for (Attempt attempt : attempts) {
            DeliveryOutcome outcome = attempt.outcome();
            settled.add(settle(attempt, now));
            switch (outcome.result()) {
                case DELIVERED -> statuses.put(outcome.configurationUuid(), ConfigurationStatus.HEALTHY);
                case RETRYABLE, TERMINAL -> statuses.put(outcome.configurationUuid(), ConfigurationStatus.UNHEALTHY);
                case SUPPRESSED -> {
                    // suppressed deliveries were not sent, so they say nothing of the receiver
                }
            }
        }
        metrics.recorded(deliveries.recordAttempts(settled, claimant, now), now);
        configurations.recordStatus(statuses);
    }

    private SettledAttempt settle(Attempt attempt, Instant now) {
        ClaimedDelivery delivery = attempt.delivery();
        DeliveryOutcome outcome = attempt.outcome();
        return switch (outcome.result()) {
            case DELIVERED -> settled(attempt, DeliveryState.DELIVERED, null, null, AttemptOutcome.DELIVERED);
            case SUPPRESSED -> settled(attempt, DeliveryState.SUPPRESSED, null, outcome.error(), AttemptOutcome.SUPPRESSED);
            case TERMINAL -> settled(attempt, DeliveryState.DEAD, null, outcome.error(), AttemptOutcome.DEAD);
            case RETRYABLE -> {
                Decision decision = retries.afterRetryableFailure(delivery.attemptInBudget(), delivery.budgetStart(),
                        outcome.retryAfter(), outcome.error(), now);
                if (decision instanceof RetryAt retry) {
                    // what the receiver asked for holds the rest of its configuration's queue too
                    RetryAfter.parse(outcome.retryAfter(), now)
                            .ifPresent(until -> pacing.hold(outcome.configurationUuid(), until));
                    yield settled(attempt, DeliveryState.PENDING, retry.at(), outcome.error(), AttemptOutcome.RETRY);
                }
                yield settled(attempt, DeliveryState.DEAD, null,
                        DeliveryOutcome.limit(((RetryPolicy.GiveUp) decision).reason()), AttemptOutcome.DEAD);
            }
        };
    }

    private static SettledAttempt settled(Attempt attempt, DeliveryState state, Instant nextAttemptAt, String lastError,
            AttemptOutcome attemptOutcome) {
        DeliveryOutcome outcome = attempt.outcome();
        ClaimedDelivery delivery = attempt.delivery();
        return new SettledAttempt(delivery.uuid(), delivery.attempt(), state, nextAttemptAt,
                outcome.statusCode(), lastError, outcome.externalId(), outcome.error(), attemptOutcome,
                attempt.startedAt(), attempt.finishedAt(), delivery.endpointType(), delivery.event().createdAt());
    }
}
