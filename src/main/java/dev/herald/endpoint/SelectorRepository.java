package dev.herald.endpoint;

import dev.herald.event.EventRows;
import dev.herald.event.Severity;
import dev.herald.selector.Selector;
import dev.herald.selector.SelectorScope;
import dev.herald.store.ConfigurationVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The selectors table; a selector belongs to the account of its configuration. */
public final class SelectorRepository {

    private static final String SELECT = "SELECT s.uuid, s.configuration_uuid, c.account_name, s.scope, s.event_level, "
            + "s.event_type, s.event_resource_type, s.min_severity, s.filter_expression FROM selectors s "
            + "JOIN endpoint_configurations c ON c.uuid = s.configuration_uuid ";

    private final Jdbi jdbi;

    public SelectorRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** All selectors of the account's configurations of every type. */
    public List<Selector> listForAccount(String account) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE c.account_name = :account ORDER BY s.created_at, s.uuid")
                .bind("account", account)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    public List<Selector> listForConfiguration(String configurationUuid) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE s.configuration_uuid = :configuration "
                        + "ORDER BY s.created_at, s.uuid")
                .bind("configuration", configurationUuid)
                .map((rs, ctx) -> map(rs))
                .list());
    }

    public Optional<Selector> find(String configurationUuid, String uuid) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE s.uuid = :uuid AND s.configuration_uuid = :configuration")
                .bind("uuid", uuid)
                .bind("configuration", configurationUuid)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    /** Whether any configuration has a selector with this uuid: an imported file may not take it. */
    public boolean exists(String uuid) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM selectors WHERE uuid = :uuid")
                .bind("uuid", uuid).mapTo(Integer.class).one() > 0);
    }

    /** Every selector, for the catalog. */
    List<Selector> all(Handle handle) {
        return handle.createQuery(SELECT).map((rs, ctx) -> map(rs)).list();
    }

    public void insert(Selector selector, Instant createdAt) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO selectors (uuid, configuration_uuid, scope, event_level, event_type, "
                            + "event_resource_type, min_severity, filter_expression, created_at) VALUES (:uuid, "
                            + ":configuration, :scope, :level, :type, :resourceType, :minSeverity, :filter, :createdAt)")
                    .bind("uuid", selector.uuid())
                    .bind("configuration", selector.configurationUuid())
                    .bind("scope", selector.scope().apiName())
                    .bind("level", selector.level())
                    .bind("type", selector.type())
                    .bind("resourceType", selector.resourceType())
                    .bind("minSeverity", minSeverity(selector))
                    .bind("filter", selector.filter())
                    .bind("createdAt", createdAt.atOffset(ZoneOffset.UTC))
                    .execute();
            ConfigurationVersion.bump(handle);
        });
    }

    public boolean update(Selector selector) {
        return jdbi.inTransaction(handle -> {
            int updated = handle.createUpdate("UPDATE selectors SET scope = :scope, event_level = :level, "
                            + "event_type = :type, event_resource_type = :resourceType, min_severity = :minSeverity, "
                            + "filter_expression = :filter "
                            + "WHERE uuid = :uuid AND configuration_uuid = :configuration")
                    .bind("uuid", selector.uuid())
                    .bind("configuration", selector.configurationUuid())
                    .bind("scope", selector.scope().apiName())
                    .bind("level", selector.level())
                    .bind("type", selector.type())
                    .bind("resourceType", selector.resourceType())
                    .bind("minSeverity", minSeverity(selector))
                    .bind("filter", selector.filter())
                    .execute();
            ConfigurationVersion.bump(handle);
            return updated > 0;
        });
    }

    public boolean delete(String configurationUuid, String uuid) {
        return jdbi.inTransaction(handle -> {
            int deleted = handle.createUpdate("DELETE FROM selectors WHERE uuid = :uuid AND configuration_uuid = :configuration")
                    .bind("uuid", uuid)
                    .bind("configuration", configurationUuid)
                    .execute();
            ConfigurationVersion.bump(handle);
            return deleted > 0;
        });
    }

    private static Selector map(ResultSet rs) throws SQLException {
        return new Selector(
                rs.getString("uuid"),
                rs.getString("configuration_uuid"),
                rs.getString("account_name"),
                SelectorScope.parse(rs.getString("scope")).orElseThrow(),
                rs.getString("event_level"),
                rs.getString("event_type"),
                rs.getString("event_resource_type"),
                Severity.parse(rs.getString("min_severity")).orElse(null),
                rs.getString("filter_expression"));
    }

    private static String minSeverity(Selector selector) {
        return selector.minSeverity() == null ? null : selector.minSeverity().label();
    }
}
