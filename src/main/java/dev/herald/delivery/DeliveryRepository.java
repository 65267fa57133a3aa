package dev.herald.delivery;

import dev.herald.endpoint.EndpointType;
import dev.herald.event.Event;
import dev.herald.event.EventRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** The deliveries table: created by the relay, claimed and settled by dispatch, listed by the API. */
public final class DeliveryRepository {

    private static final String SELECT_DELIVERY = "SELECT d.uuid, e.event_id AS public_event_id, d.configuration_uuid, "
            + "d.endpoint_type, d.account_name, d.state, d.attempts, d.next_attempt_at, d.last_status_code, "
            + "d.last_error, d.external_id, d.created_at, d.updated_at, d.delivered_at "
            + "FROM deliveries d JOIN events e ON e.id = d.event_id ";

    private final Jdbi jdbi;
    private final EventRows eventRows;

    public DeliveryRepository(Jdbi jdbi, EventRows eventRows) {
        this.jdbi = jdbi;
        this.eventRows = eventRows;
    }

    /** Inserts pending deliveries, due now, in the caller's transaction. */
    void insertPending(Handle handle, List<NewDelivery> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return;
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        PreparedBatch batch = handle.prepareBatch("INSERT INTO deliveries (uuid, event_id, configuration_uuid, "
                + "endpoint_type, account_name, state, attempts, next_attempt_at, created_at, updated_at) "
                + "VALUES (:uuid, :eventKey, :configuration, :type, :account, 'pending', 0, :at, :at, :at)");
        for (NewDelivery delivery : deliveries) {
            batch.bind("uuid", delivery.uuid())
                    .bind("eventKey", delivery.eventKey())
                    .bind("configuration", delivery.configurationUuid())
                    .bind("type", delivery.endpointType().apiName())
                    .bind("account", delivery.account())
                    .bind("at", at)
                    .add();
        }
        batch.execute();
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code claimant} until {@code until}, counting
     * the attempt. Rows locked by another replica are skipped; rows whose claim expired (their
     * claimant died) are taken over. Lock and update share one transaction, so no row is claimed twice.
     */
    List<String> claimDue(int limit, Instant now, Instant until, String claimant) {
        return jdbi.inTransaction(handle -> {
            List<String> uuids = handle.createQuery("SELECT uuid FROM deliveries WHERE state = 'pending' "
                            + "AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now) "
                            + "ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bind("now", now.atOffset(ZoneOffset.UTC))
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .list();
            if (!uuids.isEmpty()) {
                handle.createUpdate("UPDATE deliveries SET claimed_until = :until, claimed_by = :claimant, "
                                + "attempts = attempts + 1, updated_at = :now WHERE uuid IN (<uuids>)")
                        .bind("until", until.atOffset(ZoneOffset.UTC))
                        .bind("claimant", claimant)
                        .bind("now", now.atOffset(ZoneOffset.UTC))
                        .bindList("uuids", uuids)
                        .execute();
            }
            return uuids;
        });
    }

    /** What dispatch needs of claimed deliveries: the delivery, its configuration's uuid and the event. */
    record ClaimedRow(String uuid, int attempt, String configurationUuid, EndpointType endpointType, Event event) {
    }

    List<ClaimedRow> loadClaimed(List<String> uuids) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT d.uuid AS delivery_uuid, d.attempts, "
                        + "d.configuration_uuid, d.endpoint_type, " + EventRows.COLUMNS
                        + " FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.uuid IN (<uuids>)")
                .bindList("uuids", uuids)
                .map((rs, ctx) -> new ClaimedRow(rs.getString("delivery_uuid"), rs.getInt("attempts"),
                        rs.getString("configuration_uuid"), EndpointType.parse(rs.getString("endpoint_type")).orElseThrow(),
                        eventRows.map(rs)))
                .list());
    }

    /**
     * Records outcomes of deliveries this claimant still holds; a claim that expired and was
     * taken over is left to its new holder. Returns the outcomes that were recorded.
     */
    List<DeliveryOutcome> recordOutcomes(List<DeliveryOutcome> outcomes, String claimant, Instant now) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return jdbi.withHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch("UPDATE deliveries SET state = :state, "
                    + "last_status_code = :statusCode, last_error = :error, external_id = :externalId, "
                    + "claimed_until = NULL, claimed_by = NULL, updated_at = :at, delivered_at = :deliveredAt "
                    + "WHERE uuid = :uuid AND claimed_by = :claimant");
            for (DeliveryOutcome outcome : outcomes) {
                batch.bind("state", outcome.state().apiName())
                        .bind("statusCode", outcome.statusCode())
                        .bind("error", outcome.error())
                        .bind("externalId", outcome.externalId())
                        .bind("at", at)
                        .bind("deliveredAt", outcome.state() == DeliveryState.DELIVERED ? at : null)
                        .bind("uuid", outcome.deliveryUuid())
                        .bind("claimant", claimant)
                        .add();
            }
            int[] updated = batch.execute();
            List<DeliveryOutcome> recorded = new ArrayList<>(outcomes.size());
            for (int i = 0; i < updated.length; i++) {
                // SUCCESS_NO_INFO: the driver did the update without counting rows
                if (updated[i] > 0 || updated[i] == Statement.SUCCESS_NO_INFO) {
                    recorded.add(outcomes.get(i));
                }
            }
            return recorded;
        });
    }

    /**
     * Clears the claims {@code claimant} still holds on pending deliveries, so that the next
     * Herald to dispatch takes them at once rather than after {@code claimed_until}. Returns how many.
     */
    int releaseClaims(String claimant, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE deliveries SET claimed_until = NULL, "
                        + "claimed_by = NULL, updated_at = :now WHERE claimed_by = :claimant AND state = 'pending'")
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("claimant", claimant)
                .execute());
    }

    /**
     * How many pending deliveries are due at {@code now}, and when the oldest pending one was
     * created: one pass over the pending rows, through the index on (state, next_attempt_at).
     */
    public Backlog backlog(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(CASE WHEN next_attempt_at <= :now THEN 1 END) "
                        + "AS due, MIN(created_at) AS oldest FROM deliveries WHERE state = 'pending'")
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map((rs, ctx) -> new Backlog(rs.getLong("due"), EventRows.instant(rs, "oldest")))
                .one());
    }

    public Optional<Delivery> find(String account, String uuid) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_DELIVERY + "WHERE d.uuid = :uuid AND d.account_name = :account")
                .bind("uuid", uuid)
                .bind("account", account)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    /** One page of the account's deliveries, newest first, plus one row to tell whether another page follows. */
    public List<Delivery> list(DeliveryQuery query) {
        StringBuilder where = new StringBuilder("WHERE d.account_name = :account");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("account", query.account());
        if (query.state() != null) {
            where.append(" AND d.state = :state");
            values.put("state", query.state().apiName());
        }
        if (query.endpointType() != null) {
            where.append(" AND d.endpoint_type = :type");
            values.put("type", query.endpointType().apiName());
        }
        if (query.configurationUuid() != null) {
            where.append(" AND d.configuration_uuid = :configuration");
            values.put("configuration", query.configurationUuid());
        }
        if (query.eventId() != null) {
            where.append(" AND e.event_id = :eventId");
            values.put("eventId", query.eventId());
        }
        if (query.since() != null) {
            where.append(" AND d.created_at > :since");
            values.put("since", query.since().atOffset(ZoneOffset.UTC));
        }
        return jdbi.withHandle(handle -> {
            Query select = handle.createQuery(SELECT_DELIVERY + where
                    + " ORDER BY d.created_at DESC, d.uuid OFFSET :offset ROWS FETCH NEXT :rows ROWS ONLY");
            values.forEach(select::bind);
            return select.bind("offset", (long) (query.page() - 1) * query.limit())
                    .bind("rows", query.limit() + 1)
                    .map((rs, ctx) -> map(rs))
                    .list();
        });
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        return new Delivery(
                rs.getString("uuid"),
                rs.getString("public_event_id"),
                rs.getString("configuration_uuid"),
                EndpointType.parse(rs.getString("endpoint_type")).orElseThrow(),
                rs.getString("account_name"),
                DeliveryState.parse(rs.getString("state")).orElseThrow(),
                rs.getInt("attempts"),
                EventRows.instant(rs, "next_attempt_at"),
                rs.getObject("last_status_code", Integer.class),
                rs.getString("last_error"),
                rs.getString("external_id"),
                EventRows.instant(rs, "created_at"),
                EventRows.instant(rs, "updated_at"),
                EventRows.instant(rs, "delivered_at"));
    }
}
