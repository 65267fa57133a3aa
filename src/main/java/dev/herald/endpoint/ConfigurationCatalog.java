package dev.herald.endpoint;

import dev.herald.scanning.alert.AlertMatcher;
import dev.herald.scanning.alert.AlertRepository;
import dev.herald.selector.SelectorMatcher;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the current {@link ConfigurationSnapshot}: configurations, selectors and scanning alerts.
 * Each call reads the configuration version (one tiny query) and reloads and recompiles only when
 * it moved, so a change made through any Herald process sharing the database is picked up by the
 * next relay or dispatch batch.
 */
public final class ConfigurationCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationCatalog.class);

    private final Jdbi jdbi;
    private final EndpointRepository endpoints;
    private final ConfigurationRepository configurations;
    private final SelectorRepository selectors;
    private final AlertRepository alerts;
    private volatile ConfigurationSnapshot current;

    public ConfigurationCatalog(Jdbi jdbi, EndpointRepository endpoints, ConfigurationRepository configurations,
            SelectorRepository selectors, AlertRepository alerts) {
        this.jdbi = jdbi;
        this.endpoints = endpoints;
        this.configurations = configurations;
        this.selectors = selectors;
        this.alerts = alerts;
    }

    public ConfigurationSnapshot current() {
        return jdbi.inTransaction(this::current);
    }

    /**
     * The snapshot as the caller's transaction sees the database now. The relay asks after claiming
     * its events: a configuration or alert changed before an event was stored is then always in the
     * snapshot the event is matched with (asked before the claim, a reload could still be reading
     * the older version while the change and the event are committed).
     */
    public ConfigurationSnapshot current(Handle handle) {
        long version = ConfigurationVersion.read(handle);
        ConfigurationSnapshot snapshot = current;
        if (snapshot == null || snapshot.version() != version) {
            snapshot = reload(handle);
        }
        return snapshot;
    }

    private synchronized ConfigurationSnapshot reload(Handle handle) {
        long version = ConfigurationVersion.read(handle);
        if (current != null && current.version() == version) {
            return current;
        }
        Map<String, EndpointConfiguration> byUuid = configurations.all(handle).stream()
                .collect(Collectors.toUnmodifiableMap(EndpointConfiguration::uuid, Function.identity()));
        Set<EndpointType> disabled = EnumSet.noneOf(EndpointType.class);
        endpoints.all(handle).stream().filter(endpoint -> !endpoint.enabled())
                .forEach(endpoint -> disabled.add(endpoint.type()));
        SelectorMatcher matcher = SelectorMatcher.compile(selectors.all(handle));
        Map<String, String> channelAccounts = byUuid.values().stream()
                .collect(Collectors.toUnmodifiableMap(EndpointConfiguration::uuid, EndpointConfiguration::account));
        AlertMatcher alertMatcher = AlertMatcher.compile(alerts.allEnabled(handle), channelAccounts);
        LOG.debug("Configuration version {}: {} configurations, {} selectors, {} scanning alerts", version, byUuid.size(),
                matcher.size(), alertMatcher.size());
        ConfigurationSnapshot snapshot = new ConfigurationSnapshot(version, byUuid, matcher, Set.copyOf(disabled), alertMatcher);
        current = snapshot;
        return snapshot;
    }
}
