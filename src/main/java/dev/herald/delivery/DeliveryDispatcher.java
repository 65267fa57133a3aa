package dev.herald.delivery;

import dev.herald.delivery.DeliveryRepository.ClaimedRow;
import dev.herald.endpoint.ConfigurationCatalog;
import dev.herald.endpoint.ConfigurationRepository;
import dev.herald.endpoint.ConfigurationSnapshot;
import dev.herald.endpoint.ConfigurationStatus;
import dev.herald.endpoint.EndpointConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch-deliveries route's bean: claims due deliveries for this process, hands them to the
 * route with their event and configuration, and records the outcomes the deliver routes produce.
 */
public final class DeliveryDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryRepository deliveries;
    private final ConfigurationRepository configurations;
    private final ConfigurationCatalog catalog;
    private final int batchSize;
    private final Duration claimTimeout;
    private final String claimant;
    private final Clock clock;
    private final DispatchPause pause;
    private final DeliveryMetrics metrics;

    public DeliveryDispatcher(DeliveryRepository deliveries, ConfigurationRepository configurations,
            ConfigurationCatalog catalog, int batchSize, Duration claimTimeout, String claimant, Clock clock,
            DispatchPause pause, DeliveryMetrics metrics) {
        this.deliveries = deliveries;
        this.configurations = configurations;
        this.catalog = catalog;
        this.batchSize = batchSize;
        this.claimTimeout = claimTimeout;
        this.claimant = claimant;
        this.clock = clock;
        this.pause = pause;
        this.metrics = metrics;
    }

    public ClaimedBatch claimDue() {
        if (pause.isPaused()) {
            return new ClaimedBatch(List.of(), false);
        }
        Instant now = clock.instant();
        List<String> uuids = deliveries.claimDue(batchSize, now, now.plus(claimTimeout), claimant);
        LOG.debug("Claimed {} due deliveries", uuids.size());
        if (uuids.isEmpty()) {
            return new ClaimedBatch(List.of(), false);
        }
        ConfigurationSnapshot snapshot = catalog.current();
        List<ClaimedDelivery> claimed = new ArrayList<>(uuids.size());
        for (ClaimedRow row : deliveries.loadClaimed(uuids)) {
            EndpointConfiguration configuration = snapshot.configurations().get(row.configurationUuid());
            // a configuration deleted after the claim takes its deliveries with it (foreign key cascade)
            if (configuration != null) {
                claimed.add(new ClaimedDelivery(row.uuid(), row.attempt(), row.endpointType(),
                        snapshot.isEnabled(row.endpointType()), configuration, row.event()));
            }
        }
        metrics.claimed(claimed);
        return new ClaimedBatch(claimed, uuids.size() == batchSize);
    }

    /** Records the batch's outcomes, and each configuration's status from its latest sent outcome. */
    public void record(List<DeliveryOutcome> outcomes) {
        Instant now = clock.instant();
        metrics.recorded(deliveries.recordOutcomes(outcomes, claimant, now), now);
        Map<String, ConfigurationStatus> statuses = new LinkedHashMap<>();
        for (DeliveryOutcome outcome : outcomes) {
            switch (outcome.state()) {
                case DELIVERED -> statuses.put(outcome.configurationUuid(), ConfigurationStatus.HEALTHY);
                case FAILED -> statuses.put(outcome.configurationUuid(), ConfigurationStatus.UNHEALTHY);
                default -> {
                    // suppressed deliveries were not sent, so they say nothing of the receiver
                }
            }
        }
        configurations.recordStatus(statuses);
    }
}
