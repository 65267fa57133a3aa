package dev.herald.delivery;

import dev.herald.endpoint.ConfigurationCatalog;
import dev.herald.endpoint.ConfigurationSnapshot;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.event.EventContent;
import dev.herald.event.EventRepository;
import dev.herald.event.UnrelayedEvent;
import dev.herald.scanning.alert.AlertEvaluator;
import dev.herald.scanning.alert.AlertMatcher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay-events route's bean: in one transaction, claims a batch of events not yet relayed,
 * matches them against every selector and scanning alert, writes one pending delivery per (event,
 * configuration) whether a selector, an alert or both chose it, and marks the events relayed. A
 * crash anywhere rolls the whole batch back, to be relayed again.
 */
public final class EventRelay {

    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);

    private final Jdbi jdbi;
    private final EventRepository events;
    private final DeliveryRepository deliveries;
    private final ConfigurationCatalog catalog;
    private final AlertEvaluator alerts;
    private final int batchSize;
    private final String relayer;
    private final Clock clock;
    private final DeliveryMetrics metrics;

    public EventRelay(Jdbi jdbi, EventRepository events, DeliveryRepository deliveries, ConfigurationCatalog catalog,
            AlertEvaluator alerts, int batchSize, String relayer, Clock clock, DeliveryMetrics metrics) {
        this.jdbi = jdbi;
        this.events = events;
        this.deliveries = deliveries;
        this.catalog = catalog;
        this.alerts = alerts;
        this.batchSize = batchSize;
        this.relayer = relayer;
        this.clock = clock;
        this.metrics = metrics;
    }

    public RelayedBatch relayBatch() {
        RelayedBatch batch = jdbi.inTransaction(handle -> {
            List<UnrelayedEvent> claimed = events.claimUnrelayed(handle, batchSize);
            if (claimed.isEmpty()) {
                return new RelayedBatch(0, 0, false);
            }
            // read after the claim, never before: an event stored after a configuration change
            // (made through any replica) must meet that change, and a version read before the claim
            // could predate both the change and the event
            ConfigurationSnapshot snapshot = catalog.current(handle);
            Map<Long, EventContent> watched = watchedContent(handle, claimed, snapshot.alerts());
            List<NewDelivery> created = new ArrayList<>();
            List<Long> relayed = new ArrayList<>(claimed.size());
            for (UnrelayedEvent event : claimed) {
                relayed.add(event.id());
                Set<String> targets = snapshot.matcher().match(event.account(), event.level(), event.type(), event.resourceType());
                EventContent content = watched.get(event.id());
                if (content != null) {
                    targets = new LinkedHashSet<>(targets);
                    targets.addAll(alerts.channels(snapshot.alerts(), event.account(), event.type(), content.resourceId(),
                            content.details()));
                }
                for (String uuid : targets) {
                    EndpointConfiguration configuration = snapshot.configurations().get(uuid);
                    created.add(new NewDelivery(UUID.randomUUID().toString(), event.id(), uuid,
                            configuration.type(), configuration.account()));
                }
            }
            Instant now = clock.instant();
            deliveries.insertPending(handle, created, now);
            events.markRelayed(handle, relayed, now, relayer);
            LOG.debug("Relayed {} events into {} deliveries", claimed.size(), created.size());
            return new RelayedBatch(claimed.size(), created.size(), claimed.size() == batchSize);
        });
        // counted once committed: a batch rolled back is relayed again, and counted then
        metrics.relayed(batch.events());
        return batch;
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
