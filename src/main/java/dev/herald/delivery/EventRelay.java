package dev.herald.delivery;

import dev.herald.endpoint.ConfigurationCatalog;
import dev.herald.endpoint.ConfigurationSnapshot;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.event.EventRepository;
import dev.herald.event.UnrelayedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay-events route's bean: in one transaction, claims a batch of events not yet relayed,
 * matches them against every selector, writes one pending delivery per (event, configuration)
 * and marks the events relayed. A crash anywhere rolls the whole batch back, to be relayed again.
 */
public final class EventRelay {

    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);

    private final Jdbi jdbi;
    private final EventRepository events;
    private final DeliveryRepository deliveries;
    private final ConfigurationCatalog catalog;
    private final int batchSize;
    private final String relayer;
    private final Clock clock;
    private final DeliveryMetrics metrics;

    public EventRelay(Jdbi jdbi, EventRepository events, DeliveryRepository deliveries, ConfigurationCatalog catalog,
            int batchSize, String relayer, Clock clock, DeliveryMetrics metrics) {
        this.jdbi = jdbi;
        this.events = events;
        this.deliveries = deliveries;
        this.catalog = catalog;
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
            ConfigurationSnapshot snapshot = catalog.current();
            List<NewDelivery> created = new ArrayList<>();
            List<Long> relayed = new ArrayList<>(claimed.size());
            for (UnrelayedEvent event : claimed) {
                relayed.add(event.id());
                for (String uuid : snapshot.matcher().match(event.account(), event.level(), event.type(), event.resourceType())) {
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
}
