package dev.herald.delivery.dispatch;

import dev.herald.delivery.dispatch.DeliveryPacing.Placement;
import dev.herald.delivery.dispatch.DeliveryPacing.SendAt;
import dev.herald.delivery.http.ReceiverTimeouts;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.delivery.table.DeliveryRepository.Claim;
import dev.herald.delivery.table.DeliveryRepository.ClaimDigest;
import dev.herald.delivery.table.DeliveryRepository.ClaimedRow;
import dev.herald.delivery.table.DigestEvent;
import dev.herald.delivery.table.DeliveryRepository.DueChoice;
import dev.herald.delivery.table.DeliveryRepository.Leave;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.endpoint.ConfigurationSnapshot;
import dev.herald.endpoint.Digest;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.event.Event;
import dev.herald.event.EventLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pass's choices of which deliveries this process claims: a delivery gets a slot if its
 * configuration has one free ({@link DispatchSlots}), and is then claimed to be sent at its
 * rate-limit slot, or deferred when that is beyond the pass's horizon; one inside its configuration's
 * quiet hours is deferred to their end first (a digest closes at their end). A due delivery of a
 * configuration with a digest is claimed as the first of a digest, which takes one slot. Dispatch's claims of due deliveries and the relay's
 * hand-over of the deliveries it has just created choose alike, here.
 * Slots taken for deliveries that are not sent after all go back with {@link #releaseUnsent}.
 */
public final class ClaimPlan {

    private final DispatchSlots slots;
    private final ConfigurationSnapshot snapshot;
    private final DeliveryPacing.Pass pacing;
    private final ReceiverTimeouts timeouts;
    private final Duration claimMargin;
    private final Instant now;
    /** Per delivery holding a slot, its configuration. */
    private final Map<String, String> holders = new HashMap<>();
    private final Map<String, Instant> sendTimes = new HashMap<>();

    ClaimPlan(DispatchSlots slots, ConfigurationSnapshot snapshot, DeliveryPacing.Pass pacing, ReceiverTimeouts timeouts,
            Duration claimMargin, Instant now) {
        this.slots = slots;
        this.snapshot = snapshot;
        this.pacing = pacing;
        this.timeouts = timeouts;
        this.claimMargin = claimMargin;
        this.now = now;
    }

    /**
     * What to do with one delivery. A claim lasts while its attempt may run (its wait for a
     * rate-limit slot, connect and the whole request) and the claim margin more, so no other process
     * takes over an attempt still running.
     */
    public DueChoice choose(String deliveryUuid, String configurationUuid, EndpointType type, EventLevel level) {
        EndpointConfiguration configuration = snapshot.configurations().get(configurationUuid);
        boolean sendable = configuration != null && snapshot.isEnabled(type);
        // inside quiet hours it waits for their end, holding no slot and costing no attempt
        Optional<Instant> quietUntil = sendable ? configuration.quietHours().holdsUntil(now, level) : Optional.empty();
        if (quietUntil.isPresent()) {
            return new DeliveryRepository.Defer(quietUntil.get());
        }
        if (!slots.take(configurationUuid)) {
            // a failing receiver's probe is out: the rest of its queue is not due before the probe has ended
            return slots.probeEnds(configurationUuid).<DueChoice>map(DeliveryRepository.Defer::new)
                    .orElseGet(Leave::new);
        }
        holders.put(deliveryUuid, configurationUuid);
        // a deleted configuration's deliveries go with it; a disabled type's are suppressed, not sent
        if (!sendable) {
            return new Claim(now.plus(claimMargin));
        }
        Placement placement = pacing.place(configurationUuid, configuration.rateLimit());
        if (placement instanceof DeliveryPacing.Defer defer) {
            slots.free(holders.remove(deliveryUuid));
            return new DeliveryRepository.Defer(defer.until());
        }
        Instant sendAt = ((SendAt) placement).at();
        sendTimes.put(deliveryUuid, sendAt);
        Instant ends = sendAt.plus(timeouts.of(configuration).attempt());
        slots.attemptEndsBy(configurationUuid, ends);
        Instant until = ends.plus(claimMargin);
        // a digest's first delivery due: its window closed, or its size was reached; one slot, one message
        Digest digest = configuration.digestInForce();
        return digest == null ? new Claim(until) : new ClaimDigest(until, digest.maxEvents());
    }

    /**
     * The claimed delivery, ready to send, its slot kept for it; empty when its configuration is
     * gone since (its deliveries go with it).
     */
    public Optional<ClaimedDelivery> ready(String uuid, int attempt, int attemptsBeforeReplay, String configurationUuid,
            EndpointType type, Event event, Instant budgetStart) {
        EndpointConfiguration configuration = snapshot.configurations().get(configurationUuid);
        if (configuration == null) {
            return Optional.empty();
        }
        holders.remove(uuid);
        return Optional.of(new ClaimedDelivery(uuid, attempt, attemptsBeforeReplay, type,
                snapshot.isEnabled(type), configuration, event, budgetStart, sendTimes.getOrDefault(uuid, now)));
    }

    /**
     * A claimed digest, ready to send as one message, the slot its first delivery took kept for it;
     * empty when its configuration is gone since. It counts as many attempts as the most tried of its
     * deliveries, within the budget its oldest one started.
     *
     * @param rows its deliveries, oldest first
     */
    public Optional<ClaimedDelivery> readyDigest(String digestId, List<ClaimedRow> rows) {
        ClaimedRow first = rows.get(0);
        EndpointConfiguration configuration = snapshot.configurations().get(first.configurationUuid());
        if (configuration == null) {
            return Optional.empty();
        }
        Instant sendAt = now;
        List<DigestEvent> events = new ArrayList<>(rows.size());
        int attempt = 0;
        int attemptsBeforeReplay = 0;
        Instant budgetStart = first.budgetStart();
        for (ClaimedRow row : rows) {
            holders.remove(row.uuid());
            sendAt = sendTimes.getOrDefault(row.uuid(), sendAt);
            events.add(new DigestEvent(row.uuid(), row.attempt(), row.event()));
            if (row.attempt() > attempt) {
                attempt = row.attempt();
                attemptsBeforeReplay = row.attemptsBeforeReplay();
            }
            budgetStart = row.budgetStart().isBefore(budgetStart) ? row.budgetStart() : budgetStart;
        }
        return Optional.of(new ClaimedDelivery(digestId, attempt, attemptsBeforeReplay, first.endpointType(),
                snapshot.isEnabled(first.endpointType()), configuration, first.event(), budgetStart, sendAt, events));
    }

    /** Frees the slots of deliveries chosen but not made ready: left in the table, rolled back, or gone. */
    public void releaseUnsent() {
        holders.values().forEach(slots::free);
        holders.clear();
    }
}
