package dev.herald.delivery.dispatch;

import dev.herald.delivery.dispatch.RetryPolicy.Decision;
import dev.herald.delivery.dispatch.RetryPolicy.RetryAt;
import dev.herald.delivery.http.ReceiverTimeouts;
import dev.herald.delivery.outcome.DeliveryOutcome;
import dev.herald.delivery.outcome.RouteProperties;
import dev.herald.delivery.table.AttemptOutcome;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.delivery.table.DeliveryAttempt;
import dev.herald.delivery.table.DeliveryRepository.ClaimPass;
import dev.herald.delivery.table.DeliveryRepository.ClaimedRow;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.delivery.table.DigestEvent;
import dev.herald.delivery.table.SettledAttempt;
import dev.herald.endpoint.ConfigurationCatalog;
import dev.herald.endpoint.ConfigurationRepository;
import dev.herald.endpoint.ConfigurationSnapshot;
import dev.herald.endpoint.ConfigurationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch-deliveries and deliver routes' bean: claims as many due deliveries as this process
 * has free {@link DispatchSlots} for (paced by their configurations' rate limits), hands them to the
 * route with their event and configuration, and records each attempt as soon as it ends, with what
 * follows it as the {@link RetryPolicy} says, freeing its slot.
 */
public final class DeliveryDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);
    /** When the attempt in an exchange began: after its wait for a slot. */
    private static final String ATTEMPT_STARTED = "heraldAttemptStarted";
    private static final String SUPPRESSED = "suppressed";
    /** The receiver says it is gone for good: its configuration is switched off at once. */
    private static final int GONE = 410;

    private final DeliveryRepository deliveries;
    private final ConfigurationRepository configurations;
    private final ConfigurationCatalog catalog;
    private final DispatchSlots slots;
    private final ReceiverTimeouts timeouts;
    private final Duration claimMargin;
    private final String claimant;
    private final Clock clock;
    private final RetryPolicy retries;
    private final DeliveryPacing pacing;
    private final DispatchPause pause;
    private final DeliveryMetrics metrics;
    private final FailureLog failures;
    private final FailingConfigurations failing;
    /** Configurations whose receiver answered again after failing, whose waiting deliveries the recorder makes due. */
    private final Queue<String> recovered = new ConcurrentLinkedQueue<>();

    /**
     * @param timeouts    the receivers' default timeouts, which with a configuration's own bound how long an attempt takes
     * @param claimMargin how long a claim lasts beyond the longest its attempt may take
     */
    public DeliveryDispatcher(DeliveryRepository deliveries, ConfigurationRepository configurations,
            ConfigurationCatalog catalog, DispatchSlots slots, ReceiverTimeouts timeouts, Duration claimMargin,
            String claimant, Clock clock, RetryPolicy retries, DeliveryPacing pacing, DispatchPause pause,
            DeliveryMetrics metrics, FailureLog failures, FailingConfigurations failing) {
        this.deliveries = deliveries;
        this.configurations = configurations;
        this.catalog = catalog;
        this.slots = slots;
        this.timeouts = timeouts;
        this.claimMargin = claimMargin;
        this.claimant = claimant;
        this.clock = clock;
        this.retries = retries;
        this.pacing = pacing;
        this.pause = pause;
        this.metrics = metrics;
        this.failures = failures;
        this.failing = failing;
    }

    /**
     * Claims due deliveries for the slots free now, a slot each, none of a configuration whose slots
     * are all taken ({@link ClaimPlan}); nothing while fewer than a quarter of the slots are free.
     */
    public ClaimedBatch claimDue() {
        if (pause.isPaused() || !slots.worthClaiming()) {
            return ClaimedBatch.NONE;
        }
        int free = slots.free();
        Instant now = clock.instant();
        ClaimPlan plan = plan(catalog.current(), now);
        try {
            ClaimPass claim = deliveries.claimDue(free, slots.fullConfigurations(), now, claimant,
                    due -> plan.choose(due.uuid(), due.configurationUuid(), due.endpointType(), due.eventLevel()));
            LOG.debug("Claimed {} due deliveries", claim.claimed().size());
            List<ClaimedDelivery> claimed = new ArrayList<>(claim.claimed().size());
            if (!claim.claimed().isEmpty()) {
                Map<String, List<ClaimedRow>> digests = new LinkedHashMap<>();
                for (ClaimedRow row : deliveries.loadClaimed(claim.claimed())) {
                    if (row.digestId() != null) {
                        digests.computeIfAbsent(row.digestId(), id -> new ArrayList<>()).add(row);
                    } else {
                        plan.ready(row.uuid(), row.attempt(), row.attemptsBeforeReplay(), row.configurationUuid(),
                                row.endpointType(), row.event(), row.budgetStart()).ifPresent(claimed::add);
                    }
                }
                digests.forEach((id, rows) -> plan.readyDigest(id, rows).ifPresent(claimed::add));
            }
            metrics.claimed(claimed);
            // deferred ones count as progress: a failing receiver's backlog at the head of the queue is
            // moved out of the way pass by pass, and what is due behind it is claimed without waiting
            return new ClaimedBatch(claimed, claim.mayFindMore() && slots.worthClaiming());
        } finally {
            plan.releaseUnsent();
        }
    }

    /**
     * A plan for the relay's hand-over: the deliveries it creates in this pass go to this process's
     * dispatch already claimed, as far as slots allow, so they need no claim of their own. Null while
     * dispatch is paused: they are created pending, as usual.
     */
    public ClaimPlan handOverPlan(ConfigurationSnapshot snapshot, Instant now) {
        return pause.isPaused() ? null : plan(snapshot, now);
    }

    /**
     * How many deliveries the relay's next pass may hand over: the slots free now, none while fewer
     * than a quarter are (a pass for a delivery or two would cost a transaction each); no limit while
     * dispatch is paused, when the relay creates its deliveries pending, to be claimed on resuming.
     */
    public int handOverRoom() {
        if (pause.isPaused()) {
            return Integer.MAX_VALUE;
        }
        return slots.worthClaiming() ? slots.free() : 0;
    }

    /** The relay's hand-over, once its transaction has committed: counted as claims. */
    public void handedOver(List<ClaimedDelivery> claimed) {
        metrics.claimed(claimed);
    }

    private ClaimPlan plan(ConfigurationSnapshot snapshot, Instant now) {
        return new ClaimPlan(slots, snapshot, pacing.pass(now), timeouts, claimMargin, now);
    }

    /**
     * For the route's content-based router: {@code suppressed} when the delivery's endpoint type or
     * configuration is disabled (nothing is sent), else the type's name, which names its deliver
     * route. Set once as a property, so the router compares Strings instead of calling into the
     * delivery for every branch.
     */
    public String routeOf(ClaimedDelivery delivery) {
        return delivery.endpointEnabled() && delivery.configuration().enabled() ? delivery.endpointType().apiName()
                : SUPPRESSED;
    }

    /** For the route's Delay EIP: how long the delivery waits for its slot under its configuration's rate limit. */
    public long millisUntilSend(ClaimedDelivery delivery) {
        return Math.max(0, Duration.between(clock.instant(), delivery.sendAt()).toMillis());
    }

    /** Marks the start of the attempt, once its wait for a slot is over. */
    public void attemptStarts(Exchange exchange) {
        exchange.setProperty(ATTEMPT_STARTED, clock.instant());
    }

    /**
     * The attempt the deliver route just made, settled as the {@link RetryPolicy} says (delivered,
     * suppressed, dead at once on a terminal failure, else pending until the next attempt or dead
     * with the reason), for the {@link AttemptRecorder}, which calls {@link #record}. Its slot is free
     * from now on: the delivery stays claimed until the attempt is recorded, so it cannot be claimed
     * again meanwhile, and the next delivery need not wait for the write. The {@code Retry-After} of
     * a receiver whose delivery is retried also holds its configuration's other deliveries.
     */
    public List<SettledAttempt> attempted(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
        SettledAttempt settled = settle(exchange, delivery);
        if (!delivery.isDigest()) {
            return List.of(settled);
        }
        // one message, one outcome: each delivery it carried is recorded with it
        List<SettledAttempt> carried = new ArrayList<>(delivery.digestEvents().size());
        for (DigestEvent event : delivery.digestEvents()) {
            DeliveryAttempt attempt = settled.attempt();
            carried.add(new SettledAttempt(event.deliveryUuid(), settled.configurationUuid(), settled.account(),
                    new DeliveryAttempt(event.attempt(), attempt.startedAt(), attempt.finishedAt(), attempt.statusCode(),
                            attempt.error(), attempt.outcome()),
                    settled.nextAttemptAt(), settled.lastError(), settled.externalId(), settled.endpointType(),
                    event.event().createdAt(), settled.sent()));
        }
        return carried;
    }

    private SettledAttempt settle(Exchange exchange, ClaimedDelivery delivery) {
        DeliveryOutcome outcome = exchange.getMessage().getBody(DeliveryOutcome.class);
        // before its slot is freed, so no claim in between sees the whole bulkhead of a failing receiver
        boolean failingStill = false;
        switch (outcome.result()) {
            case DELIVERED -> {
                String configuration = delivery.configuration().uuid();
                // its receiver answers again after failing: what was put off for it may go now (the
                // recorder writes that); a digest's pending deliveries wait for their window, not for
                // it, and a Retry-After still holds them (the claim defers them again until then)
                if (slots.succeeded(configuration) && delivery.configuration().digestInForce() == null) {
                    recovered.add(configuration);
                }
            }
            case RETRYABLE -> failingStill = slots.failed(delivery.configuration().uuid());
            case SUPPRESSED, TERMINAL -> {
                // the receiver answered (or was not asked): nothing to probe
            }
        }
        slots.free(delivery.configuration().uuid());
        Instant now = clock.instant();
        Instant startedAt = exchange.getProperty(ATTEMPT_STARTED, Instant.class);
        if (!delivery.configuration().enabled()) {
            // not sent (routed as suppressed): a switched-off configuration's deliveries end dead, as
            // its pending ones did, with the reason in the history too
            DeliveryOutcome disabled = DeliveryOutcome.suppressed(delivery, FailingConfigurations.DISABLED + "enabled is false");
            return unsent(delivery, disabled, startedAt, now, AttemptOutcome.DEAD);
        }
        return switch (outcome.result()) {
            case DELIVERED -> settled(delivery, outcome, startedAt, now, AttemptOutcome.DELIVERED, null, null);
            case SUPPRESSED -> unsent(delivery, outcome, startedAt, now, AttemptOutcome.SUPPRESSED);
            case TERMINAL -> {
                failures.dead(outcome, delivery, outcome.error());
                yield settled(delivery, outcome, startedAt, now, AttemptOutcome.DEAD, null, outcome.error());
            }
            case RETRYABLE -> {
                Decision decision = retries.afterRetryableFailure(delivery.attemptInBudget(), delivery.budgetStart(),
                        outcome.retryAfter(), outcome.error(), now);
                if (decision instanceof RetryAt retry) {
                    if (failingStill) {
                        // failed again after a failure (a probe, or one of those out before it): the
                        // circuit opens, and the rest of the queue waits until this retry, the next probe
                        pacing.hold(outcome.configurationUuid(), retry.at());
                    }
                    // what the receiver asked for holds the rest of its configuration's queue too
                    RetryAfter.parse(outcome.retryAfter(), now)
                            .ifPresent(until -> pacing.hold(outcome.configurationUuid(), until));
                    failures.retried(outcome, delivery, retry.at());
                    yield settled(delivery, outcome, startedAt, now, AttemptOutcome.RETRY, retry.at(), outcome.error());
                }
                String reason = DeliveryOutcome.limit(((RetryPolicy.GiveUp) decision).reason());
                failures.dead(outcome, delivery, reason);
                yield settled(delivery, outcome, startedAt, now, AttemptOutcome.DEAD, null, reason);
            }
        };
    }

    /**
     * Records attempts that ended (the few that ended together, in one transaction). Each
     * configuration's status follows its latest sent attempt; one that failed for too long, or whose
     * receiver answered 410 Gone, is then switched off ({@link FailingConfigurations}).
     */
    public void record(List<SettledAttempt> attempts) {
        Instant now = clock.instant();
        Map<String, ConfigurationStatus> statuses = new LinkedHashMap<>();
        Set<String> gone = new HashSet<>();
        for (SettledAttempt attempt : attempts) {
            if (!attempt.sent()) {
                continue; // nothing was sent, so it says nothing of the receiver
            }
            statuses.put(attempt.configurationUuid(), attempt.attempt().outcome() == AttemptOutcome.DELIVERED
                    ? ConfigurationStatus.HEALTHY : ConfigurationStatus.UNHEALTHY);
            if (Integer.valueOf(GONE).equals(attempt.attempt().statusCode())) {
                gone.add(attempt.configurationUuid());
            }
        }
        metrics.recorded(deliveries.recordAttempts(attempts, claimant, now), now);
        // on the recorder's thread, as every write after an attempt is
        for (String configuration; (configuration = recovered.poll()) != null; ) {
            deliveries.releaseWaiting(configuration, now);
        }
        configurations.recordStatus(statuses, now);
        Set<String> failed = new HashSet<>();
        Set<String> healthy = new HashSet<>();
        statuses.forEach((uuid, status) -> (status == ConfigurationStatus.UNHEALTHY ? failed : healthy).add(uuid));
        failing.afterAttempts(failed, healthy, gone, now);
        failures.closeWindows();
    }

    private static SettledAttempt settled(ClaimedDelivery delivery, DeliveryOutcome outcome, Instant startedAt,
            Instant finishedAt, AttemptOutcome attemptOutcome, Instant nextAttemptAt, String lastError) {
        return settled(delivery, outcome, startedAt, finishedAt, attemptOutcome, nextAttemptAt, lastError, true);
    }

    /** An attempt that sent nothing: suppressed, or ended because its configuration is off. */
    private static SettledAttempt unsent(ClaimedDelivery delivery, DeliveryOutcome outcome, Instant startedAt,
            Instant finishedAt, AttemptOutcome attemptOutcome) {
        return settled(delivery, outcome, startedAt, finishedAt, attemptOutcome, null, outcome.error(), false);
    }

    private static SettledAttempt settled(ClaimedDelivery delivery, DeliveryOutcome outcome, Instant startedAt,
            Instant finishedAt, AttemptOutcome attemptOutcome, Instant nextAttemptAt, String lastError, boolean sent) {
        DeliveryAttempt attempt = new DeliveryAttempt(delivery.attempt(), startedAt, finishedAt, outcome.statusCode(),
                outcome.error(), attemptOutcome);
        return new SettledAttempt(delivery.uuid(), delivery.configuration().uuid(), delivery.configuration().account(),
                attempt, nextAttemptAt, lastError,
                outcome.externalId(), delivery.endpointType(), delivery.event().createdAt(), sent);
    }
}
