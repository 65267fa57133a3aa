package dev.herald.delivery.table;

import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.event.Event;
import java.time.Instant;
import java.util.List;

/**
 * A delivery this process has claimed and is about to send: what the deliver-&lt;type&gt; routes
 * receive as their body.
 *
 * @param attempt              this attempt's number, from 1, counting every attempt since it was created
 * @param attemptsBeforeReplay the attempts made before its last replay, which the retry budget does not count
 * @param endpointEnabled      false when the admin has disabled the endpoint type
 * @param budgetStart          when the retry budget started: its creation, or its last replay
 * @param sendAt               when it may be sent: now, or its slot under its configuration's rate limit
 * @param digestEvents         for a digest, the deliveries it carries, oldest first (then {@code uuid} is the
 *                             digest's id and {@code event} its oldest event); empty for one delivery
 *
 * <p>One attempt at one delivery: two are equal when their delivery and attempt are. Not the
 * record's default, which hashes the whole event with its details: Camel's bean language keys its
 * method cache by the object it is called on, and hashing an event per lookup cost more CPU than
 * sending the webhook.
 */
public record ClaimedDelivery(
        String uuid,
        int attempt,
        int attemptsBeforeReplay,
        EndpointType endpointType,
        boolean endpointEnabled,
        EndpointConfiguration configuration,
        Event event,
        Instant budgetStart,
        Instant sendAt,
        List<DigestEvent> digestEvents) {

    public ClaimedDelivery {
        digestEvents = List.copyOf(digestEvents);
    }

    /** One delivery, of one event. */
    public ClaimedDelivery(String uuid, int attempt, int attemptsBeforeReplay, EndpointType endpointType,
            boolean endpointEnabled, EndpointConfiguration configuration, Event event, Instant budgetStart,
            Instant sendAt) {
        this(uuid, attempt, attemptsBeforeReplay, endpointType, endpointEnabled, configuration, event, budgetStart,
                sendAt, List.of());
    }

    /** Each delivery a digest carries, as it would be sent on its own (its message, its webhook body). */
    public List<ClaimedDelivery> carried() {
        return digestEvents.stream().map(carried -> new ClaimedDelivery(carried.deliveryUuid(), carried.attempt(),
                attemptsBeforeReplay, endpointType, endpointEnabled, configuration, carried.event(), budgetStart, sendAt))
                .toList();
    }

    /** True for a digest: one message for the deliveries it carries. */
    public boolean isDigest() {
        return !digestEvents.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClaimedDelivery that && uuid.equals(that.uuid) && attempt == that.attempt;
    }

    @Override
    public int hashCode() {
        return 31 * uuid.hashCode() + attempt;
    }

    /**
     * A delivery that is never stored nor sent, of a sample event: what a preview renders.
     *
     * @param configuration the configuration it is for, or null while one is being checked (it is not read)
     */
    public static ClaimedDelivery preview(EndpointType type, EndpointConfiguration configuration, Event event, Instant now) {
        return new ClaimedDelivery("preview", 1, 0, type, true, configuration, event, now, now);
    }

    /** This attempt's number within the retry budget. */
    public int attemptInBudget() {
        return attempt - attemptsBeforeReplay;
    }
}
