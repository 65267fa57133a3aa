package dev.herald.delivery.relay;

import dev.herald.delivery.dispatch.ClaimPlan;
import dev.herald.delivery.dispatch.DeliveryDispatcher;
import dev.herald.delivery.dispatch.DeliveryMetrics;
import dev.herald.delivery.dispatch.DispatchWakeUp;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.delivery.table.DeliveryRepository.Claim;
import dev.herald.delivery.table.DeliveryRepository.Defer;
import dev.herald.delivery.table.DeliveryRepository.DueChoice;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.delivery.table.NewDelivery;
import dev.herald.endpoint.ConfigurationCatalog;
import dev.herald.endpoint.ConfigurationSnapshot;
import dev.herald.endpoint.Digest;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.event.Event;
import dev.herald.event.EventContent;
import dev.herald.event.EventJson;
import dev.herald.event.EventLevel;
import dev.herald.event.EventRepository;
import dev.herald.event.UnrelayedEvent;
import dev.herald.scanning.alert.AlertEvaluator;
import dev.herald.scanning.alert.AlertMatcher;
import dev.herald.scanning.alert.DeliveryAlerts;
import dev.herald.scanning.alert.FiredAlert;
import dev.herald.selector.SelectorMatch;
import dev.herald.store.TimeOrderedIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay-events route's bean: in one transaction, claims a batch of events not yet relayed,
 * matches them against every selector (with its min_severity and CEL filter, if any) and scanning
 * alert, writes one pending delivery per (event, configuration) whether a selector, an alert or both
 * chose it (with the alerts that chose it, which its message names, and the floor of its message's
 * vulnerability lists), and marks the events relayed. A crash anywhere rolls the whole batch back, to
 * be relayed again.
 *
 * <p>The deliveries it creates that this process's dispatch has slots for are written already
 * claimed for their first attempt, and handed over to be sent once the transaction commits: no
 * claim query and no claim write for them. Should this process die first, their claims expire
 * and any Herald sends them. So a pass claims only as many events as it expects to have slots
 * for (by the deliveries an event has made lately), and none while the slots are taken: a burst
 * waits in the events table, not as pending deliveries that would each cost a claim, and the
 * relay is woken when slots are free again ({@link DispatchWakeUp#relayWaits}). While dispatch
 * is paused it relays everything, into pending deliveries.
 *
 * <p>The deliveries of a configuration with a digest are never handed over: they wait, due when the
 * window they open or join closes, or at once when the digest is full ({@link
 * DeliveryRepository#closeFullDigest}), for dispatch to claim them together.
 */
public final class EventRelay {

    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);

    private final Jdbi jdbi;
    private final EventRepository events;
    private final DeliveryRepository deliveries;
    private final ConfigurationCatalog catalog;
    private final AlertEvaluator alerts;
    private final DeliveryAlerts deliveryAlerts;
    private final int batchSize;
    private final String relayer;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final DeliveryDispatcher dispatcher;
    private final EventJson eventJson;
    private final DispatchWakeUp wakeUp;
    /**
     * Deliveries made per event relayed, lately: how many events fill the free slots. Only the
     * relay-events route's one consumer reads and writes it.
     */
    private double deliveriesPerEvent = 1;

    public EventRelay(Jdbi jdbi, EventRepository events, DeliveryRepository deliveries, ConfigurationCatalog catalog,
            AlertEvaluator alerts, DeliveryAlerts deliveryAlerts, int batchSize, String relayer, Clock clock,
            DeliveryMetrics metrics, DeliveryDispatcher dispatcher, EventJson eventJson, DispatchWakeUp wakeUp) {
        this.jdbi = jdbi;
        this.events = events;
        this.deliveries = deliveries;
        this.catalog = catalog;
        this.alerts = alerts;
        this.deliveryAlerts = deliveryAlerts;
        this.batchSize = batchSize;
        this.relayer = relayer;
        this.clock = clock;
        this.metrics = metrics;
        this.dispatcher = dispatcher;
        this.eventJson = eventJson;
        this.wakeUp = wakeUp;
    }

    public RelayedBatch relayBatch() {
        int room = dispatcher.handOverRoom();
        if (room == 0) {
            wakeUp.relayWaits();
            return RelayedBatch.NONE;
        }
        int limit = eventsFor(room);
        // the plan lives beyond the transaction: slots of a rolled-back batch, or of deliveries not handed over, go back
        ClaimPlan[] plan = new ClaimPlan[1];
        Map<String, Event> handOver = new HashMap<>();
        try {
            Relayed batch = jdbi.inTransaction(handle -> relay(handle, limit, room, plan, handOver));
            // committed: the claimed ones are this process's to send
            List<ClaimedDelivery> handedOver = new ArrayList<>(handOver.size());
            for (NewDelivery delivery : batch.created()) {
                Event event = handOver.get(delivery.uuid());
                if (event != null) {
                    plan[0].ready(delivery.uuid(), 1, 0, delivery.configurationUuid(), delivery.endpointType(), event,
                            batch.at()).ifPresent(handedOver::add);
                }
            }
            // counted once committed: a batch rolled back is relayed again, and counted then
            metrics.relayed(batch.events());
            dispatcher.handedOver(handedOver);
            if (batch.events() > 0) {
                deliveriesPerEvent = (deliveriesPerEvent + (double) batch.created().size() / batch.events()) / 2;
            }
            boolean more = batch.full() && dispatcher.handOverRoom() > 0;
            if (batch.full() && !more) {
                wakeUp.relayWaits();
            }
            return new RelayedBatch(batch.events(), batch.created().size(), more, handedOver);
        } finally {
            if (plan[0] != null) {
                plan[0].releaseUnsent();
            }
        }
    }

    /**
     * How many events to claim for {@code room} free slots: as many as make about that many deliveries,
     * at least one, at most a batch.
     */
    private int eventsFor(int room) {
        double events = Math.ceil(room / Math.max(deliveriesPerEvent, 1.0 / batchSize));
        return (int) Math.max(1, Math.min(batchSize, events));
    }

    /** What one transaction did: the events relayed, the deliveries created, and whether more events may wait. */
    private record Relayed(int events, List<NewDelivery> created, boolean full, Instant at) {
    }

    /**
     * @param room the free slots: an event whose deliveries would pass them is left unrelayed for the
     *             next pass, with those after it (the estimate of how many to claim may be short of
     *             what the events make); the first is relayed whatever it makes, so a pass never
     *             stalls on an event that makes more deliveries than there are slots
     */
    private Relayed relay(Handle handle, int limit, int room, ClaimPlan[] plan, Map<String, Event> handOver) {
        List<UnrelayedEvent> claimed = events.claimUnrelayed(handle, limit);
        if (claimed.isEmpty()) {
            return new Relayed(0, List.of(), false, null);
        }
        // read after the claim, never before: an event stored after a configuration change
        // (made through any replica) must meet that change, and a version read before the claim
        // could predate both the change and the event
        ConfigurationSnapshot snapshot = catalog.current(handle);
        Map<Long, EventContent> watched = watchedContent(handle, claimed, snapshot.alerts());
        Map<Long, SelectorMatch> matches = matchSelectors(handle, claimed, snapshot);
        List<NewDelivery> created = new ArrayList<>();
        Map<String, List<FiredAlert>> firedBy = new HashMap<>();
        List<Long> relayed = new ArrayList<>(claimed.size());
        for (UnrelayedEvent event : claimed) {
            SelectorMatch match = matches.get(event.id());
            Set<String> targets = match.configurations();
            EventContent content = watched.get(event.id());
            Map<String, List<FiredAlert>> fired = content == null ? Map.of() : alerts.channels(snapshot.alerts(),
                    event.account(), event.type(), content.resourceId(), content.details());
            if (!fired.isEmpty()) {
                targets = new LinkedHashSet<>(targets);
                targets.addAll(fired.keySet());
            }
            if (!relayed.isEmpty() && created.size() + targets.size() > room) {
                break; // its deliveries would not all be handed over: it waits for the next pass
            }
            relayed.add(event.id());
            EventLevel level = EventLevel.parse(event.level()).orElseThrow();
            for (String uuid : targets) {
                EndpointConfiguration configuration = snapshot.configurations().get(uuid);
                if (!configuration.enabled()) {
                    continue; // switched off: its selectors and alerts make no deliveries
                }
                NewDelivery delivery = new NewDelivery(TimeOrderedIds.uuid(), event.id(), uuid,
                        configuration.type(), configuration.account(), match.floor(uuid), level);
                created.add(delivery);
                // its message names the alerts that chose it
                if (fired.containsKey(uuid)) {
                    firedBy.put(delivery.uuid(), fired.get(uuid));
                }
            }
        }
        Instant now = clock.instant();
        plan[0] = dispatcher.handOverPlan(snapshot, now);
        Map<String, DueChoice> choices = new HashMap<>();
        Map<String, NewDelivery> claimedNow = new HashMap<>();
        Map<String, Digest> digests = new HashMap<>();
        for (NewDelivery delivery : created) {
            Digest digest = snapshot.configurations().get(delivery.configurationUuid()).digestInForce();
            if (digest != null) {
                // it waits for its digest: the window it opens (or joins) closes window_seconds after the oldest
                choices.put(delivery.uuid(), new Defer(digest.closes(now)));
                digests.put(delivery.configurationUuid(), digest);
            }
        }
        if (plan[0] != null) {
            for (NewDelivery delivery : created) {
                if (choices.containsKey(delivery.uuid())) {
                    continue;
                }
                DueChoice choice = plan[0].choose(delivery.uuid(), delivery.configurationUuid(), delivery.endpointType(),
                        delivery.eventLevel());
                choices.put(delivery.uuid(), choice);
                if (choice instanceof Claim) {
                    claimedNow.put(delivery.uuid(), delivery);
                }
            }
        }
        deliveries.insert(handle, created, choices, relayer, now);
        digests.forEach((uuid, digest) -> deliveries.closeFullDigest(handle, uuid, digest.maxEvents(), now));
        deliveryAlerts.record(handle, firedBy);
        events.markRelayed(handle, relayed, now, relayer);
        if (!claimedNow.isEmpty()) {
            Set<Long> keys = new HashSet<>();
            claimedNow.values().forEach(delivery -> keys.add(delivery.eventKey()));
            Map<Long, Event> whole = events.byKeys(handle, keys);
            claimedNow.forEach((uuid, delivery) -> handOver.put(uuid,
                    DeliveryRepository.floored(whole.get(delivery.eventKey()), delivery.minSeverity())));
        }
        LOG.debug("Relayed {} events into {} deliveries, {} handed over to dispatch", relayed.size(), created.size(),
                claimedNow.size());
        return new Relayed(relayed.size(), created, claimed.size() == limit || relayed.size() < claimed.size(), now);
    }

    /**
     * Every claimed event's selector match. The few that met a selector with a min_severity or a
     * filter are settled with their whole event, read in one query; the others need nothing more.
     */
    private Map<Long, SelectorMatch> matchSelectors(Handle handle, List<UnrelayedEvent> claimed,
            ConfigurationSnapshot snapshot) {
        Map<Long, SelectorMatch> matches = new HashMap<>();
        List<Long> unsettled = new ArrayList<>();
        for (UnrelayedEvent event : claimed) {
            SelectorMatch match = snapshot.matcher().match(event.account(), event.level(), event.type(), event.resourceType());
            matches.put(event.id(), match);
            if (match.needsEvent()) {
                unsettled.add(event.id());
            }
        }
        if (!unsettled.isEmpty()) {
            events.byKeys(handle, unsettled).forEach((key, event) -> matches.get(key).settle(eventJson.flat(event)));
        }
        return matches;
    }

    /**
     * The resource id and details of the events an enabled alert of their account fires on, read in
     * one query; none for the others, which are most events, so the relay stays as fast without alerts.
     */
    private Map<Long, EventContent> watchedContent(Handle handle, List<UnrelayedEvent> claimed, AlertMatcher matcher) {
        List<Long> watched = new ArrayList<>();
        for (UnrelayedEvent event : claimed) {
            if (matcher.watches(event.account(), event.type())) {
                watched.add(event.id());
            }
        }
        return watched.isEmpty() ? Map.of() : events.content(handle, watched);
    }
}
