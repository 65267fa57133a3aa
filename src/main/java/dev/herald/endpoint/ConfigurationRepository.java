package dev.herald.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.endpoint.quiet.QuietHours;
import dev.herald.endpoint.secret.SecretBox;
import dev.herald.endpoint.secret.SecretUnreadableException;
import dev.herald.endpoint.settings.EndpointSettings;
import dev.herald.store.Columns;
import dev.herald.store.ConfigurationVersion;
import dev.herald.validation.InvalidInputException;
import dev.herald.validation.JsonInput;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint_configurations table. Reads are scoped to an account: other accounts' rows do not exist for it.
 * The secrets in the settings are stored encrypted, bound to the configuration's uuid ({@link SecretBox});
 * a secret still in plaintext (a row from before encryption, or one a host inserted itself) is read as it is.
 */
public final class ConfigurationRepository {

    private static final String SELECT = "SELECT uuid, account_name, endpoint_type, description, verify_tls, "
            + "timeout_seconds, rate_limit_per_second, quiet_hours, digest_window_seconds, digest_max_events, settings, status, "
            + "enabled, created_at, last_updated "
            + "FROM endpoint_configurations ";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationRepository.class);

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final SecretBox secrets;

    public ConfigurationRepository(Jdbi jdbi, ObjectMapper json, SecretBox secrets) {
        this.jdbi = jdbi;
        this.json = json;
        this.secrets = secrets;
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

    /** The uuids of the account's configurations of every type: the channels its scanning alerts may name. */
    public Set<String> uuidsOf(String account) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT uuid FROM endpoint_configurations WHERE account_name = :account")
                .bind("account", account)
                .mapTo(String.class)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether any account has a configuration with this uuid: an imported file may not take it. */
    public boolean exists(String uuid) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM endpoint_configurations WHERE uuid = :uuid")
                .bind("uuid", uuid).mapTo(Integer.class).one() > 0);
    }

    /** Every configuration of every account, for the catalog. */
    List<EndpointConfiguration> all(Handle handle) {
        return handle.createQuery(SELECT).map((rs, ctx) -> map(rs)).list();
    }

    /**
     * Runs {@code changes} in one transaction: every repository shares this Jdbi, whose nested calls
     * on the same thread reuse the open handle and join its transaction. An imported file is applied
     * so: all of it, or (when the database refuses a part) none of it.
     */
    public void inOneTransaction(Runnable changes) {
        jdbi.useTransaction(handle -> changes.run());
    }

    public void insert(EndpointConfiguration configuration) {
        jdbi.useTransaction(handle -> {
            handle.createUpdate("INSERT INTO endpoint_configurations (uuid, account_name, endpoint_type, description, "
                            + "verify_tls, timeout_seconds, rate_limit_per_second, quiet_hours, digest_window_seconds, digest_max_events, "
                            + "settings, status, enabled, created_at, last_updated) VALUES (:uuid, :account, :type, "
                            + ":description, :verifyTls, :timeoutSeconds, :rateLimit, :quietHours, :digestWindow, "
                            + ":digestMax, :settings, :status, :enabled, :createdAt, :lastUpdated)")
                    .bind("uuid", configuration.uuid())
                    .bind("account", configuration.account())
                    .bind("type", configuration.type().apiName())
                    .bind("description", configuration.description())
                    .bind("verifyTls", configuration.verifyTls())
                    .bind("timeoutSeconds", configuration.timeoutSeconds())
                    .bind("rateLimit", configuration.rateLimitPerSecond())
                    .bind("quietHours", writeQuietHours(configuration.quietHours()))
                    .bind("digestWindow", configuration.digest() == null ? null : configuration.digest().windowSeconds())
                    .bind("digestMax", configuration.digest() == null ? null : configuration.digest().maxEvents())
                    .bind("settings", write(configuration))
                    .bind("status", configuration.status().apiName())
                    .bind("enabled", configuration.enabled())
                    .bind("createdAt", configuration.createdAt().atOffset(ZoneOffset.UTC))
                    .bind("lastUpdated", configuration.lastUpdated().atOffset(ZoneOffset.UTC))
                    .execute();
            ConfigurationVersion.bump(handle);
        });
    }

    public boolean update(EndpointConfiguration configuration) {
        return jdbi.inTransaction(handle -> {
            int updated = handle.createUpdate("UPDATE endpoint_configurations SET description = :description, "
                            + "verify_tls = :verifyTls, timeout_seconds = :timeoutSeconds, rate_limit_per_second = :rateLimit, "
                            + "quiet_hours = :quietHours, digest_window_seconds = :digestWindow, digest_max_events = :digestMax, "
                            + "settings = :settings, last_updated = :lastUpdated, enabled = :enabled, "
                            // switched (back) on, its failing streak starts again
                            + "failing_since = CASE WHEN enabled THEN failing_since ELSE NULL END "
                            + "WHERE uuid = :uuid AND account_name = :account")
                    .bind("uuid", configuration.uuid())
                    .bind("account", configuration.account())
                    .bind("description", configuration.description())
                    .bind("verifyTls", configuration.verifyTls())
                    .bind("timeoutSeconds", configuration.timeoutSeconds())
                    .bind("rateLimit", configuration.rateLimitPerSecond())
                    .bind("quietHours", writeQuietHours(configuration.quietHours()))
                    .bind("digestWindow", configuration.digest() == null ? null : configuration.digest().windowSeconds())
                    .bind("digestMax", configuration.digest() == null ? null : configuration.digest().maxEvents())
                    .bind("settings", write(configuration))
                    .bind("enabled", configuration.enabled())
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

    /**
     * Encrypts the secrets that are still stored in plaintext, in one transaction that locks the
     * rows it reads, so replicas starting together do it once. Run at start.
     */
    public void encryptPlaintextSecrets() {
        int encrypted = jdbi.inTransaction(handle -> {
            List<StoredSettings> rows = handle.createQuery(
                            "SELECT uuid, endpoint_type, settings FROM endpoint_configurations FOR UPDATE")
                    .map((rs, ctx) -> new StoredSettings(rs.getString("uuid"),
                            EndpointType.parse(rs.getString("endpoint_type")).orElseThrow(), rs.getString("settings")))
                    .list();
            PreparedBatch batch = handle.prepareBatch("UPDATE endpoint_configurations SET settings = :settings WHERE uuid = :uuid");
            for (StoredSettings row : rows) {
                EndpointSettings stored = parse(row.type(), row.settings());
                EndpointSettings sealed = stored.withSecrets(secret -> SecretBox.isEncrypted(secret) ? secret
                        : secrets.encrypt(secret, context(row.uuid())));
                if (!sealed.equals(stored)) {
                    batch.bind("uuid", row.uuid()).bind("settings", serialize(sealed)).add();
                }
            }
            return batch.size() == 0 ? 0 : batch.execute().length;
        });
        if (encrypted > 0) {
            LOG.info("Encrypted the secrets that {} configurations held in plaintext", encrypted);
        }
    }

    private record StoredSettings(String uuid, EndpointType type, String settings) {
    }

    /**
     * Records the latest operational status of configurations; routing does not depend on it. A row
     * is written only when its status changes, and with it {@code failing_since}: when the first
     * failure after a success happened, cleared by the next success.
     */
    public void recordStatus(Map<String, ConfigurationStatus> statuses, Instant now) {
        if (statuses.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> {
            // failing_since IS NULL: a configuration switched back on while unhealthy starts a new streak
            PreparedBatch batch = handle.prepareBatch("UPDATE endpoint_configurations SET status = :status, "
                    + "failing_since = CASE WHEN :failing THEN COALESCE(failing_since, :now) ELSE NULL END "
                    + "WHERE uuid = :uuid AND (status <> :status OR (:failing AND failing_since IS NULL))");
            statuses.forEach((uuid, status) -> batch.bind("uuid", uuid).bind("status", status.apiName())
                    .bind("failing", status == ConfigurationStatus.UNHEALTHY)
                    .bind("now", now.atOffset(ZoneOffset.UTC)).add());
            batch.execute();
        });
    }

    /**
     * Of these configurations, the enabled ones failing now, each with when its streak of failed
     * attempts began: their primary keys and one timestamp each, nothing decrypted.
     */
    public Map<String, Instant> failingStreaks(Collection<String> uuids) {
        if (uuids.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery("SELECT uuid, failing_since FROM endpoint_configurations "
                        + "WHERE uuid IN (<uuids>) AND enabled AND failing_since IS NOT NULL")
                .bindList("uuids", List.copyOf(uuids))
                .map((rs, ctx) -> Map.entry(rs.getString("uuid"), Columns.instant(rs, "failing_since")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Switches the configuration off, in the caller's transaction; false if it was off already (or is gone). */
    public boolean disable(Handle handle, String uuid, Instant now) {
        int updated = handle.createUpdate("UPDATE endpoint_configurations SET enabled = FALSE, last_updated = :now "
                        + "WHERE uuid = :uuid AND enabled")
                .bind("uuid", uuid)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .execute();
        if (updated > 0) {
            ConfigurationVersion.bump(handle);
        }
        return updated > 0;
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
                rs.getObject("rate_limit_per_second", Integer.class),
                readQuietHours(rs.getString("quiet_hours")),
                readDigest(rs),
                read(rs.getString("uuid"), type, rs.getString("settings")),
                ConfigurationStatus.of(rs.getString("status")),
                rs.getBoolean("enabled"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "last_updated"));
    }

    private static Digest readDigest(ResultSet rs) throws SQLException {
        Integer window = rs.getObject("digest_window_seconds", Integer.class);
        Integer max = rs.getObject("digest_max_events", Integer.class);
        return window == null || max == null ? null : new Digest(window, max);
    }

    /** The settings as stored: JSON with every secret encrypted for this configuration. */
    private String write(EndpointConfiguration configuration) {
        String context = context(configuration.uuid());
        return serialize(configuration.settings().withSecrets(secret -> secrets.encrypt(secret, context)));
    }

    private EndpointSettings read(String uuid, EndpointType type, String stored) {
        String context = context(uuid);
        try {
            return parse(type, stored).withSecrets(secret -> SecretBox.isEncrypted(secret)
                    ? secrets.decrypt(secret, context) : secret);
        } catch (SecretUnreadableException e) {
            throw new IllegalStateException("A secret of " + type + " configuration " + uuid + " cannot be decrypted "
                    + "with this herald.secret-key: it was encrypted with another key, or for another configuration, "
                    + "or altered", e);
        }
    }

    /** Quiet hours as stored: the JSON of the request's mute fields, or NULL for none. */
    private String writeQuietHours(QuietHours quietHours) {
        ObjectNode node = json.createObjectNode();
        quietHours.writeTo(node);
        return node.isEmpty() ? null : node.toString();
    }

    private QuietHours readQuietHours(String stored) {
        if (stored == null) {
            return QuietHours.NONE;
        }
        try {
            JsonInput input = JsonInput.ofObject(json.readTree(stored), "quiet_hours");
            QuietHours quietHours = QuietHours.read(input);
            input.throwIfInvalid();
            return quietHours;
        } catch (JsonProcessingException | InvalidInputException e) {
            throw new IllegalStateException("Stored quiet hours of a configuration are unreadable: " + stored, e);
        }
    }

    /** What a secret is bound to: its configuration, so it cannot be moved to another row. */
    private static String context(String uuid) {
        return "configuration/" + uuid;
    }

    private String serialize(EndpointSettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EndpointSettings parse(EndpointType type, String settings) {
        try {
            return json.readValue(settings, type.settingsClass());
        } catch (JsonProcessingException e) {
            // not e itself: Jackson's message may quote the stored text, secrets and all
            throw new IllegalStateException("Stored settings of a " + type + " configuration are unreadable JSON");
        }
    }
}
