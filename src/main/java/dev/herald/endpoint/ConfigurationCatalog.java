package dev.herald.endpoint;

import dev.herald.scanning.alert.AlertMatcher;
import dev.herald.scanning.alert.AlertRepository;
import dev.herald.selector.SelectorMatcher;
import dev.herald.store.ConfigurationVersion;
import dev.herald.store.Database;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
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
        return jdbi.withHandle(this::current);
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
        return snapshot != null && snapshot.version() >= version ? snapshot : reload();
    }

    /**
     * Loads the snapshot in a read transaction of its own that sees one snapshot of the database
     * ({@link #snapshotIsolation}), so that the version, configurations, selectors and alerts are
     * all read from one committed state. At READ COMMITTED each statement sees the commits made
     * before it: a change committed between two of them would give selectors of a configuration the
     * snapshot does not have. The caller's transaction may hold row locks, so this takes a
     * connection of its own.
     */
    private synchronized ConfigurationSnapshot reload() {
        // open(), not inTransaction(): Jdbi would join the thread's open transaction, not start its own
        try (Handle own = jdbi.open()) {
            return own.inTransaction(snapshotIsolation(own), this::load);
        }
    }

    /**
     * PostgreSQL's REPEATABLE READ reads one snapshot of the whole database, taken at the first
     * statement. H2's reads each table as of the transaction's first read of that table, so a table
     * read later can show a change an earlier one does not; its SERIALIZABLE takes one snapshot.
     */
    private static TransactionIsolationLevel snapshotIsolation(Handle handle) {
        return Database.of(handle) == Database.H2 ? TransactionIsolationLevel.SERIALIZABLE
                : TransactionIsolationLevel.REPEATABLE_READ;
    }

    private ConfigurationSnapshot load(Handle handle) {
        long version = ConfigurationVersion.read(handle);
        if (current != null && current.version() >= version) {
            return current;
        }
        Map<String, EndpointConfiguration> byUuid = configurations.all(handle).stream()
                .collect(Collectors.toUnmodifiableMap(EndpointConfiguration::uuid, Function.identity()));
        Set<EndpointType> disabled = EnumSet.noneOf(EndpointType.class);
        endpoints.all(handle).stream().filter(endpoint -> !endpoint.enabled())
                .forEach(endpoint -> disabled.add(endpoint.type()));
        // the filters of the snapshot it replaces are reused: only new ones are compiled
        SelectorMatcher matcher = SelectorMatcher.compile(selectors.all(handle), current == null ? null : current.matcher());
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
