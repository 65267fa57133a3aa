package dev.herald.delivery.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.delivery.table.DeliveryRepository;
import dev.herald.endpoint.ConfigurationCatalog;
import dev.herald.endpoint.ConfigurationRepository;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.event.Event;
import dev.herald.event.EventLevel;
import dev.herald.event.EventRepository;
import dev.herald.event.NewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches off the configurations whose receiver is gone: it answered 410 Gone, or every attempt
 * failed for {@code herald.delivery.disable-after}. Their pending deliveries end dead, and Herald
 * emits a {@value #NOTICE_TYPE} event in the configuration's account, which reaches whoever has a
 * selector for it (an admin's email configuration, say) through the relay like any other event.
 */
public final class FailingConfigurations {

    public static final String NOTICE_TYPE = "system.notifications.configuration.disabled";
    /** What a delivery ended because its configuration is off says first (its reason, for people). */
    static final String DISABLED = "configuration disabled: ";

    private static final Logger LOG = LoggerFactory.getLogger(FailingConfigurations.class);

    private final Jdbi jdbi;
    private final ConfigurationRepository configurations;
    private final ConfigurationCatalog catalog;
    private final DeliveryRepository deliveries;
    private final EventRepository events;
    private final ObjectMapper json;
    private final Duration disableAfter;
    /**
     * When each failing configuration's streak began, as the table said when last asked; the
     * table, not this, decides.
     */
    private final Map<String, Instant> streaks = new ConcurrentHashMap<>();

    public FailingConfigurations(Jdbi jdbi, ConfigurationRepository configurations, ConfigurationCatalog catalog,
            DeliveryRepository deliveries, EventRepository events, ObjectMapper json, Duration disableAfter) {
        this.jdbi = jdbi;
        this.configurations = configurations;
        this.catalog = catalog;
        this.deliveries = deliveries;
        this.events = events;
        this.json = json;
        this.disableAfter = disableAfter;
    }

    /**
     * After attempts were recorded (with the configurations' status and failing streak): switches
     * off those whose receiver answered 410 Gone, and those among the failed whose streak is long
     * enough. The table says when each streak began; it is asked again only once a streak it told
     * of may have lasted long enough, so a receiver failing for hours costs a query per
     * configuration now and then, not one per recorded batch.
     */
    void afterAttempts(Set<String> failed, Set<String> healthy, Set<String> gone, Instant now) {
        streaks.keySet().removeAll(healthy);
        Map<String, String> reasons = new LinkedHashMap<>();
        gone.forEach(uuid -> reasons.put(uuid, "the receiver answered 410 Gone"));
        List<String> due = failed.stream().filter(uuid -> !streaks.containsKey(uuid)
                || !streaks.get(uuid).plus(disableAfter).isAfter(now)).toList();
        Map<String, Instant> began = configurations.failingStreaks(due);
        for (String uuid : due) {
            Instant since = began.get(uuid);
            if (since == null) {
                streaks.remove(uuid); // off or gone meanwhile, or a success elsewhere ended the streak
            } else if (since.plus(disableAfter).isAfter(now)) {
                streaks.put(uuid, since);
            } else {
                streaks.remove(uuid);
                reasons.putIfAbsent(uuid, "every attempt failed for " + disableAfter.toSeconds() + " seconds "
                        + "(herald.delivery.disable-after)");
            }
        }
        reasons.forEach((uuid, why) -> disable(uuid, why, now));
    }

    private void disable(String uuid, String why, Instant now) {
        EndpointConfiguration configuration = catalog.current().configurations().get(uuid);
        if (configuration == null) {
            return; // deleted meanwhile
        }
        Integer ended = jdbi.inTransaction(handle -> {
            if (!configurations.disable(handle, uuid, now)) {
                return null; // off already: no second notice
            }
            int dead = deliveries.endPending(handle, configuration.account(), uuid, DISABLED + why, now);
            events.insert(handle, List.of(notice(configuration, why, dead, now)));
            return dead;
        });
        if (ended != null) {
            LOG.warn("Disabled {} configuration {} of account {}: {}; {} pending deliveries ended dead",
                    configuration.type(), uuid, configuration.account(), why, ended);
        }
    }

    private NewEvent notice(EndpointConfiguration configuration, String why, int dead, Instant now) {
        ObjectNode details = json.createObjectNode();
        details.put("configuration_uuid", configuration.uuid());
        details.put("endpoint_type", configuration.type().apiName());
        details.put("description", configuration.description());
        details.put("reason", why);
        details.put("dead_deliveries", dead);
        String name = configuration.description() == null || configuration.description().isBlank()
                ? configuration.uuid() : configuration.description();
        return new NewEvent(null, NOTICE_TYPE, EventLevel.ERROR,
                "Notification configuration " + name + " (" + configuration.type().apiName() + ") was disabled: " + why,
                details, now, new Event.Resource(configuration.account(), "notification_configuration", configuration.uuid()),
                new Event.Source("herald", null, null, null));
    }
}
