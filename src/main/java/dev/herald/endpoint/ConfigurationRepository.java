package dev.herald.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.endpoint.settings.EndpointSettings;
import dev.herald.event.EventRows;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The endpoint_configurations table. Reads are scoped to an account: other accounts' rows do not exist for it. */
public final class ConfigurationRepository {

    private static final String SELECT = "SELECT uuid, account_name, endpoint_type, description, verify_tls, "
            + "timeout_seconds, settings, status, created_at, last_updated FROM endpoint_configurations ";

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public ConfigurationRepository(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public List<EndpointConfiguration> list(String account, EndpointType type) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT
                        + "WHERE account_name = :account AND endpoint_type = :type ORDER BY created_at, uuid")
                .bind("account", account)
                .bind("type", type.apiName())
                .map((rs, ctx) -> map(rs))
                .list());
    }

    public Optional<EndpointConfiguration> find(String account, EndpointType type, String uuid) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT
                        + "WHERE uuid = :uuid AND account_name = :account AND endpoint_type = :type")
                .bind("uuid", uuid)
                .bind("account", account)
                .bind("type", type.apiName())
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    /** Every configuration of every account, for the catalog. */
    List<EndpointConfiguration> all(Handle handle) {
        return handle.createQuery(SELECT).map((rs, ctx) -> map(rs)).list();
    }

    public void insert(EndpointConfiguration configuration) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO endpoint_configurations (uuid, account_name, endpoint_type, description, "
                            + "verify_tls, timeout_seconds, settings, status, created_at, last_updated) VALUES (:uuid, "
                            + ":account, :type, :description, :verifyTls, :timeoutSeconds, :settings, :status, :createdAt, "
                            + ":lastUpdated)")
                    .bind("uuid", configuration.uuid())
                    .bind("account", configuration.account())
                    .bind("type", configuration.type().apiName())
                    .bind("description", configuration.description())
                    .bind("verifyTls", configuration.verifyTls())
                    .bind("timeoutSeconds", configuration.timeoutSeconds())
                    .bind("settings", write(configuration.settings()))
                    .bind("status", configuration.status().apiName())
                    .bind("createdAt", configuration.createdAt().atOffset(ZoneOffset.UTC))
                    .bind("lastUpdated", configuration.lastUpdated().atOffset(ZoneOffset.UTC))
                    .execute();
            ConfigurationVersion.bump(handle);
        });
    }

    public boolean update(EndpointConfiguration configuration) {
        return jdbi.inTransaction(handle -> {
            int updated = handle.createUpdate("UPDATE endpoint_configurations SET description = :description, "
                            + "verify_tls = :verifyTls, timeout_seconds = :timeoutSeconds, settings = :settings, "
                            + "last_updated = :lastUpdated WHERE uuid = :uuid AND account_name = :account")
                    .bind("uuid", configuration.uuid())
                    .bind("account", configuration.account())
                    .bind("description", configuration.description())
                    .bind("verifyTls", configuration.verifyTls())
                    .bind("timeoutSeconds", configuration.timeoutSeconds())
                    .bind("settings", write(configuration.settings()))
                    .bind("lastUpdated", configuration.lastUpdated().atOffset(ZoneOffset.UTC))
                    .execute();
            ConfigurationVersion.bump(handle);
            return updated > 0;
        });
    }

    /** Deletes the configuration with its selectors and deliveries (the foreign keys cascade). */
    public boolean delete(String account, EndpointType type, String uuid) {
        return jdbi.inTransaction(handle -> {
            int deleted = handle.createUpdate("DELETE FROM endpoint_configurations "
                            + "WHERE uuid = :uuid AND account_name = :account AND endpoint_type = :type")
                    .bind("uuid", uuid)
                    .bind("account", account)
                    .bind("type", type.apiName())
                    .execute();
            ConfigurationVersion.bump(handle);
            return deleted > 0;
        });
    }

    /** Records the latest operational status of configurations; routing does not depend on it. */
    public void recordStatus(Map<String, ConfigurationStatus> statuses) {
        if (statuses.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch(
                    "UPDATE endpoint_configurations SET status = :status WHERE uuid = :uuid AND status <> :status");
            statuses.forEach((uuid, status) -> batch.bind("uuid", uuid).bind("status", status.apiName()).add());
            batch.execute();
        });
    }

    private EndpointConfiguration map(ResultSet rs) throws SQLException {
        EndpointType type = EndpointType.parse(rs.getString("endpoint_type")).orElseThrow();
        return new EndpointConfiguration(
                rs.getString("uuid"),
                rs.getString("account_name"),
                type,
                rs.getString("description"),
                rs.getBoolean("verify_tls"),
                rs.getObject("timeout_seconds", Integer.class),
                read(type, rs.getString("settings")),
                ConfigurationStatus.of(rs.getString("status")),
                EventRows.instant(rs, "created_at"),
                EventRows.instant(rs, "last_updated"));
    }

    private String write(EndpointSettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EndpointSettings read(EndpointType type, String settings) {
        try {
            return json.readValue(settings, type.settingsClass());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Stored settings of a " + type + " configuration are unreadable", e);
        }
    }

}
