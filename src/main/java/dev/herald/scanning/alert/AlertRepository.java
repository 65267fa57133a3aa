package dev.herald.scanning.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.store.Columns;
import dev.herald.store.ConfigurationVersion;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The scanning_alerts table. Reads are scoped to an account: other accounts' alerts do not exist
 * for it. Every change bumps the configuration version, so each process recompiles its alerts.
 */
public final class AlertRepository {

    private static final String SELECT = "SELECT id, alert_id, account_name, name, description, enabled, alert_type, scope, "
            + "repositories, trigger_unscanned, trigger_analysis_update, trigger_policy_eval, trigger_vuln_update, "
            + "trigger_failed, only_pass_fail, autoscan, skip_event_send, notification_channel_ids, created_at, updated_at "
            + "FROM scanning_alerts ";
    private static final TypeReference<List<RepositoryPattern>> REPOSITORIES = new TypeReference<>() { };
    private static final TypeReference<List<String>> CHANNELS = new TypeReference<>() { };

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public AlertRepository(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /**
     * Up to {@code limit} alerts of the account created after position {@code after} (null: from the
     * first), oldest first, optionally only those whose name contains {@code nameContains} in any case.
     */
    public AlertListing list(String account, String nameContains, Long after, int limit) {
        List<Positioned> rows = jdbi.withHandle(handle -> {
            Query query = handle.createQuery(SELECT + "WHERE account_name = :account AND id > :after "
                            + (nameContains == null ? "" : "AND LOWER(name) LIKE :name ESCAPE '!' ")
                            + "ORDER BY id FETCH FIRST :rows ROWS ONLY")
                    .bind("account", account)
                    .bind("after", after == null ? 0L : after)
                    .bind("rows", limit + 1);
            if (nameContains != null) {
                query.bind("name", "%" + likeEscaped(nameContains.toLowerCase(Locale.ROOT)) + "%");
            }
            return query.map((rs, ctx) -> new Positioned(rs.getLong("id"), map(rs))).list();
        });
        List<Alert> page = rows.stream().limit(limit).map(Positioned::alert).toList();
        return new AlertListing(page, rows.size() > limit ? rows.get(limit - 1).position() : null);
    }

    private record Positioned(long position, Alert alert) {
    }

    public Optional<Alert> find(String account, String alertId) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE alert_id = :alertId AND account_name = :account")
                .bind("alertId", alertId)
                .bind("account", account)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    /** Whether any account has an alert with this id: an imported file may not take it. */
    public boolean exists(String alertId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM scanning_alerts WHERE alert_id = :alertId")
                .bind("alertId", alertId).mapTo(Integer.class).one() > 0);
    }

    /** Every enabled alert of every account, for the catalog. */
    public List<Alert> allEnabled(Handle handle) {
        return handle.createQuery(SELECT + "WHERE enabled = TRUE ORDER BY id").map((rs, ctx) -> map(rs)).list();
    }

    public void insert(Alert alert) {
        jdbi.useTransaction(handle -> {
            bindSettings(handle.createUpdate("INSERT INTO scanning_alerts (alert_id, account_name, name, description, "
                            + "enabled, alert_type, scope, repositories, trigger_unscanned, trigger_analysis_update, "
                            + "trigger_policy_eval, trigger_vuln_update, trigger_failed, only_pass_fail, autoscan, "
                            + "skip_event_send, notification_channel_ids, created_at, updated_at) VALUES (:alertId, :account, "
                            + ":name, :description, :enabled, :type, :scope, :repositories, :unscanned, :analysisUpdate, "
                            + ":policyEval, :vulnUpdate, :failed, :onlyPassFail, :autoscan, :skipEventSend, :channels, "
                            + ":createdAt, :updatedAt)"), alert)
                    .bind("createdAt", alert.createdAt().atOffset(ZoneOffset.UTC))
                    .execute();
            ConfigurationVersion.bump(handle);
        });
    }

    /** Replaces the alert's settings; its id, account and creation time stay. */
    public boolean update(Alert alert) {
        return jdbi.inTransaction(handle -> {
            int updated = bindSettings(handle.createUpdate("UPDATE scanning_alerts SET name = :name, description = :description, "
                            + "enabled = :enabled, alert_type = :type, scope = :scope, repositories = :repositories, "
                            + "trigger_unscanned = :unscanned, trigger_analysis_update = :analysisUpdate, "
                            + "trigger_policy_eval = :policyEval, trigger_vuln_update = :vulnUpdate, trigger_failed = :failed, "
                            + "only_pass_fail = :onlyPassFail, autoscan = :autoscan, skip_event_send = :skipEventSend, "
                            + "notification_channel_ids = :channels, updated_at = :updatedAt "
                            + "WHERE alert_id = :alertId AND account_name = :account"), alert)
                    .execute();
            ConfigurationVersion.bump(handle);
            return updated > 0;
        });
    }

    public boolean delete(String account, String alertId) {
        return jdbi.inTransaction(handle -> {
            int deleted = handle.createUpdate("DELETE FROM scanning_alerts WHERE alert_id = :alertId AND account_name = :account")
                    .bind("alertId", alertId)
                    .bind("account", account)
                    .execute();
            ConfigurationVersion.bump(handle);
            return deleted > 0;
        });
    }

    private <S extends SqlStatement<S>> S bindSettings(S statement, Alert alert) {
        AlertSettings settings = alert.settings();
        return statement.bind("alertId", alert.alertId())
                .bind("account", alert.account())
                .bind("name", settings.name())
                .bind("description", settings.description())
                .bind("enabled", settings.enabled())
                .bind("type", settings.type().apiName())
                .bind("scope", settings.scope())
                .bind("repositories", write(settings.repositories()))
                .bind("unscanned", settings.triggers().contains(Trigger.UNSCANNED))
                .bind("analysisUpdate", settings.triggers().contains(Trigger.ANALYSIS_UPDATE))
                .bind("policyEval", settings.triggers().contains(Trigger.POLICY_EVAL))
                .bind("vulnUpdate", settings.triggers().contains(Trigger.VULN_UPDATE))
                .bind("failed", settings.sysdig().failedTrigger())
                .bind("onlyPassFail", settings.onlyPassFail())
                .bind("autoscan", settings.sysdig().autoscan())
                .bind("skipEventSend", settings.sysdig().skipEventSend())
                .bind("channels", write(settings.notificationChannelIds()))
                .bind("updatedAt", alert.updatedAt().atOffset(ZoneOffset.UTC));
    }

    private Alert map(ResultSet rs) throws SQLException {
        Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
        for (Trigger trigger : Trigger.values()) {
            if (rs.getBoolean("trigger_" + trigger.apiName())) {
                triggers.add(trigger);
            }
        }
        AlertSettings settings = new AlertSettings(rs.getString("name"), rs.getString("description"), rs.getBoolean("enabled"),
                AlertType.parse(rs.getString("alert_type")).orElseThrow(), rs.getString("scope"),
                read(rs.getString("repositories"), REPOSITORIES), triggers, rs.getBoolean("only_pass_fail"),
                read(rs.getString("notification_channel_ids"), CHANNELS),
                new EchoedSysdigFields(rs.getBoolean("autoscan"), rs.getBoolean("skip_event_send"), rs.getBoolean("trigger_failed")));
        return new Alert(rs.getString("alert_id"), rs.getString("account_name"), settings,
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }

    /**
     * LIKE's own characters taken literally. The escape is '!', not a backslash: Jdbi's statement parser
     * would read a quoted backslash as escaping the closing quote.
     */
    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
