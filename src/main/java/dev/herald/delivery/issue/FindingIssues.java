package dev.herald.delivery.issue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The finding_issues table: the issue each configuration's tracker holds for a finding. */
public final class FindingIssues {

    private final Jdbi jdbi;
    private final Clock clock;

    public FindingIssues(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The issue number or key last remembered for the finding, if any. */
    public Optional<String> find(String configurationUuid, Finding finding) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT external_id FROM finding_issues "
                        + "WHERE configuration_uuid = :configuration AND finding_key = :finding")
                .bind("configuration", configurationUuid)
                .bind("finding", finding.key())
                .mapTo(String.class)
                .findOne());
    }

    /**
     * Remembers the finding's issue: an update, or an insert when there was nothing to update; if
     * another replica inserted in between, its row is updated. Each statement commits on its own,
     * since PostgreSQL refuses every statement of a transaction after a failed one. (One portable
     * statement would need MERGE, which PostgreSQL has only from version 15.)
     */
    public void remember(String configurationUuid, Finding finding, String externalId) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        jdbi.useHandle(handle -> {
            if (update(handle, configurationUuid, finding, externalId, now) > 0) {
                return;
            }
            try {
                handle.createUpdate("INSERT INTO finding_issues (configuration_uuid, finding_key, external_id, updated_at) "
                                + "VALUES (:configuration, :finding, :issue, :at)")
                        .bind("configuration", configurationUuid)
                        .bind("finding", finding.key())
                        .bind("issue", externalId)
                        .bind("at", now)
                        .execute();
            } catch (UnableToExecuteStatementException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                update(handle, configurationUuid, finding, externalId, now);
            }
        });
    }

    private static int update(Handle handle, String configurationUuid, Finding finding, String externalId,
            OffsetDateTime now) {
        return handle.createUpdate("UPDATE finding_issues SET external_id = :issue, updated_at = :at "
                        + "WHERE configuration_uuid = :configuration AND finding_key = :finding")
                .bind("configuration", configurationUuid)
                .bind("finding", finding.key())
                .bind("issue", externalId)
                .bind("at", now)
                .execute();
    }

    /** SQLState 23505, the same on H2 and PostgreSQL. */
    private static boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }
}
