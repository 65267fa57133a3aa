package dev.herald.delivery;

import dev.herald.config.Database;
import dev.herald.endpoint.EndpointType;
import dev.herald.event.Event;
import dev.herald.event.EventRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    private static final String DUE = "state = 'pending' AND next_attempt_at <= :now "
            + "AND (claimed_until IS NULL OR claimed_until < :now)";
    private static final String CLAIM_DUE = "SELECT uuid FROM deliveries WHERE " + DUE
            + " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED";
    /**
     * The same claim for H2, which reads every due row when a SELECT … FOR UPDATE has a LIMIT
     * (half a second a claim with 100,000 due) and follows an index only for an ORDER BY on its
     * leading columns: the batch is chosen through the index first, then only its rows are locked.
     * H2 serves one Herald, so no other claimer competes for the rows chosen.
     */
    private static final String CLAIM_DUE_ON_H2 = "SELECT uuid FROM deliveries WHERE uuid IN (SELECT uuid FROM deliveries "
            + "WHERE " + DUE + " ORDER BY state, next_attempt_at LIMIT :limit) AND " + DUE
            + " ORDER BY next_attempt_at FOR UPDATE SKIP LOCKED";

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
            List<String> uuids = handle.createQuery(Database.of(handle) == Database.H2 ? CLAIM_DUE_ON_H2 : CLAIM_DUE)
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
     * taken over is left to its new holder. A delivered one keeps the claimant as {@code delivered_by}.
     */
    void recordOutcomes(List<DeliveryOutcome> outcomes, String claimant, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch("UPDATE deliveries SET state = :state, "
                    + "last_status_code = :statusCode, last_error = :error, external_id = :externalId, "
                    + "claimed_until = NULL, claimed_by = NULL, updated_at = :at, delivered_at = :deliveredAt, "
                    + "delivered_by = :deliveredBy "
                    + "WHERE uuid = :uuid AND claimed_by = :claimant");
            for (DeliveryOutcome outcome : outcomes) {
                batch.bind("state", outcome.state().apiName())
                        .bind("statusCode", outcome.statusCode())
                        .bind("error", outcome.error())
                        .bind("externalId", outcome.externalId())
                        .bind("at", at)
                        .bind("deliveredAt", outcome.state() == DeliveryState.DELIVERED ? at : null)
                        .bind("deliveredBy", outcome.state() == DeliveryState.DELIVERED ? claimant : null)
                        .bind("uuid", outcome.deliveryUuid())
                        .bind("claimant", claimant)
                        .add();
            }
            batch.execute();
        });
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
