package dev.herald.delivery.table;

import dev.herald.endpoint.EndpointType;
import dev.herald.event.Event;
import dev.herald.event.EventLevel;
import dev.herald.event.EventRows;
import dev.herald.event.Severity;
import dev.herald.selector.VulnerabilityFloor;
import dev.herald.store.Columns;
import dev.herald.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** The deliveries table: created by the relay, claimed and settled by dispatch, listed by the API. */
public final class DeliveryRepository {

    private static final String SELECT_DELIVERY = "SELECT d.uuid, e.event_id AS public_event_id, d.configuration_uuid, "
            + "d.endpoint_type, d.account_name, d.state, d.attempts, d.next_attempt_at, d.last_status_code, "
            + "d.last_error, d.external_id, d.created_at, d.updated_at, d.delivered_at, d.replayed_at, d.digest_id "
            + "FROM deliveries d JOIN events e ON e.id = d.event_id ";

    private static final String DUE = "state = 'pending' AND next_attempt_at <= :now "
            + "AND (claimed_until IS NULL OR claimed_until < :now)";
    /** Leaves out the configurations whose slots are all taken in this process (its bulkheads). */
    private static final String NOT_FULL = " AND configuration_uuid NOT IN (<full>)";
    /** With its event's level, kept on the delivery (migration V19), for quiet hours that let some levels through. */
    private static final String CLAIMED_COLUMNS = "SELECT uuid, configuration_uuid, endpoint_type, digest_id, event_level "
            + "FROM deliveries ";
    private static final String CLAIM_DUE = CLAIMED_COLUMNS + "WHERE " + DUE + "%s"
            + " ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED";
    /**
     * The same claim for H2, in two statements. H2 reads every due row when a SELECT … FOR UPDATE
     * has a LIMIT (half a second a claim with 100,000 due) and follows an index only for an ORDER BY
     * on its leading columns: the batch is chosen through the index first, then only its rows are
     * locked. H2 serves one Herald, so no other claimer competes for the rows chosen. Not as
     * {@code uuid IN (subquery)}: H2 runs the subquery again for every row it checks, since Herald
     * turns its reuse of results off.
     */
    private static final String CHOOSE_DUE_ON_H2 = "SELECT uuid FROM deliveries WHERE " + DUE + "%s"
            + " ORDER BY state, next_attempt_at LIMIT :limit";
    private static final String CLAIM_CHOSEN_ON_H2 = CLAIMED_COLUMNS + "WHERE uuid IN (<uuids>) AND " + DUE
            + " ORDER BY next_attempt_at FOR UPDATE SKIP LOCKED";

    /** A configuration's deliveries that wait for a digest: pending, in none yet, not claimed. */
    private static final String WAITING_FOR_DIGEST = "configuration_uuid = :configuration AND state = 'pending' "
            + "AND digest_id IS NULL AND (claimed_until IS NULL OR claimed_until < :now)";

    private final Jdbi jdbi;
    private final EventRows eventRows;

    public DeliveryRepository(Jdbi jdbi, EventRows eventRows) {
        this.jdbi = jdbi;
        this.eventRows = eventRows;
    }

    /**
     * Inserts new deliveries in the caller's transaction: pending and due now, or as {@code choices}
     * says of each (claimed by {@code claimant} for its first attempt; deferred).
     */
    public void insert(Handle handle, List<NewDelivery> deliveries, Map<String, DueChoice> choices, String claimant, Instant now) {
        if (deliveries.isEmpty()) {
            return;
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        PreparedBatch batch = handle.prepareBatch("INSERT INTO deliveries (uuid, event_id, configuration_uuid, "
                + "endpoint_type, account_name, state, attempts, next_attempt_at, claimed_until, claimed_by, created_at, "
                + "updated_at, min_severity, event_level) VALUES (:uuid, :eventKey, :configuration, :type, :account, "
                + "'pending', :attempts, :due, :claimedUntil, :claimedBy, :at, :at, :minSeverity, :eventLevel)");
        for (NewDelivery delivery : deliveries) {
            DueChoice choice = choices.get(delivery.uuid());
            Claim claim = choice instanceof Claim claimed ? claimed : null;
            batch.bind("uuid", delivery.uuid())
                    .bind("eventKey", delivery.eventKey())
                    .bind("configuration", delivery.configurationUuid())
                    .bind("type", delivery.endpointType().apiName())
                    .bind("account", delivery.account())
                    .bind("attempts", claim == null ? 0 : 1)
                    .bind("due", choice instanceof Defer defer ? defer.until().atOffset(ZoneOffset.UTC) : at)
                    .bind("claimedUntil", claim == null ? null : claim.until().atOffset(ZoneOffset.UTC))
                    .bind("claimedBy", claim == null ? null : claimant)
                    .bind("at", at)
                    .bind("minSeverity", delivery.minSeverity() == null ? null : delivery.minSeverity().label())
                    .bind("eventLevel", delivery.eventLevel().apiName())
                    .add();
        }
        batch.execute();
    }

    /**
     * A due delivery, as a claim pass shows it before deciding whether to claim it.
     *
     * @param digestId the digest it went out in before (a retry of the digest), or null
     */
    public record DueDelivery(String uuid, String configurationUuid, EndpointType endpointType, EventLevel eventLevel,
            String digestId) {
    }

    /** What a claim pass does with one due delivery. */
    public sealed interface DueChoice permits Claiming, Defer, Leave {
    }

    /** The choices that claim the delivery, until {@code until()}: alone or as the first of a digest. */
    public sealed interface Claiming extends DueChoice permits Claim, ClaimDigest {

        Instant until();
    }

    /** Claim it, for as long as its attempt may take: until {@code until}. */
    public record Claim(Instant until) implements Claiming {
    }

    /**
     * Claim it as the first of a digest: with the configuration's other deliveries waiting for one,
     * oldest first, {@code maxEvents} in all at most, under one new digest id; until {@code until}.
     */
    public record ClaimDigest(Instant until, int maxEvents) implements Claiming {
    }

    /** Leave it pending, unclaimed, due again at {@code until} (a rate limit, quiet hours). */
    public record Defer(Instant until) implements DueChoice {
    }

    /** Leave it as it is: no slot is free for it in this process. */
    public record Leave() implements DueChoice {
    }

    /**
     * What a claim pass did.
     *
     * @param deferred how many it left pending, due later
     * @param full true when it saw as many due deliveries as it could take, so more may be due
     */
    public record ClaimPass(List<String> claimed, int deferred, boolean full) {

        /** Whether another pass may claim more: this one saw all it could and claimed or deferred some. */
        public boolean mayFindMore() {
            return full && (deferred > 0 || !claimed.isEmpty());
        }
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code claimant}, counting the attempt, as
     * {@code choice} says of each; none of the configurations in {@code full} is even looked at. The
     * claims of one pass last until the latest of their chosen ends. Deferred ones are left pending and due at their new time, unclaimed and their
     * attempt not counted. Rows locked by another replica are skipped; rows whose claim expired (their
     * claimant died) are taken over. Lock and update share one transaction, so no row is claimed twice.
     */
    public ClaimPass claimDue(int limit, Collection<String> full, Instant now, String claimant,
            Function<DueDelivery, DueChoice> choice) {
        return jdbi.inTransaction(handle -> {
            List<DueDelivery> due = lockDue(handle, limit, full, now);
            List<String> claimed = new ArrayList<>(due.size());
            // a digest's deliveries are claimed with the first of them seen: the others are passed over
            Set<String> inDigests = new HashSet<>();
            PreparedBatch deferrals = handle.prepareBatch("UPDATE deliveries SET next_attempt_at = :at WHERE uuid = :uuid");
            Instant until = now;
            for (DueDelivery delivery : due) {
                if (inDigests.contains(delivery.uuid())) {
                    continue;
                }
                DueChoice chosen = choice.apply(delivery);
                if (chosen instanceof Claiming claiming) {
                    Instant claimUntil = claiming.until();
                    List<String> digest = digestOf(handle, delivery, chosen, now);
                    if (digest.isEmpty()) {
                        claimed.add(delivery.uuid());
                    } else {
                        claimed.addAll(digest);
                        inDigests.addAll(digest);
                    }
                    until = claimUntil.isAfter(until) ? claimUntil : until;
                } else if (chosen instanceof Defer defer) {
                    deferrals.bind("at", defer.until().atOffset(ZoneOffset.UTC)).bind("uuid", delivery.uuid()).add();
                }
            }
            int deferred = deferrals.size();
            if (deferred > 0) {
                deferrals.execute();
            }
            if (!claimed.isEmpty()) {
                handle.createUpdate("UPDATE deliveries SET claimed_until = :until, claimed_by = :claimant, "
                                + "attempts = attempts + 1, updated_at = :now WHERE uuid IN (<uuids>)")
                        .bind("until", until.atOffset(ZoneOffset.UTC))
                        .bind("claimant", claimant)
                        .bind("now", now.atOffset(ZoneOffset.UTC))
                        .bindList("uuids", claimed)
                        .execute();
            }
            return new ClaimPass(claimed, deferred, due.size() == limit);
        });
    }

    /** Locks up to {@code limit} due deliveries of configurations not in {@code full}, oldest due first. */
    private static List<DueDelivery> lockDue(Handle handle, int limit, Collection<String> full, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        String notFull = full.isEmpty() ? "" : NOT_FULL;
        Query lock;
        if (Database.of(handle) == Database.H2) {
            Query choose = handle.createQuery(CHOOSE_DUE_ON_H2.formatted(notFull)).bind("now", at).bind("limit", limit);
            if (!full.isEmpty()) {
                choose.bindList("full", List.copyOf(full));
            }
            List<String> chosen = choose.mapTo(String.class).list();
            if (chosen.isEmpty()) {
                return List.of();
            }
            lock = handle.createQuery(CLAIM_CHOSEN_ON_H2).bind("now", at).bindList("uuids", chosen);
        } else {
            lock = handle.createQuery(CLAIM_DUE.formatted(notFull)).bind("now", at).bind("limit", limit);
            if (!full.isEmpty()) {
                lock.bindList("full", List.copyOf(full));
            }
        }
        return lock.map((rs, ctx) -> new DueDelivery(rs.getString("uuid"), rs.getString("configuration_uuid"),
                        EndpointType.parse(rs.getString("endpoint_type")).orElseThrow(),
                        EventLevel.parse(rs.getString("event_level")).orElseThrow(), rs.getString("digest_id")))
                .list();
    }

    /**
     * The deliveries claimed with a due one that is in a digest, itself among them; empty for one
     * sent on its own. A delivery that went out in a digest before goes out again with the rest of
     * that digest, under the same id (a retry, or the take-over of a claim whose holder died), so a
     * receiver sees the same digest again, never a new one. A delivery claimed as the first of a
     * digest gathers the configuration's other deliveries waiting for one, oldest first, up to the
     * digest's size, and gives them a new digest id. Rows another replica holds are skipped.
     */
    private List<String> digestOf(Handle handle, DueDelivery delivery, DueChoice chosen, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        if (delivery.digestId() != null) {
            return handle.createQuery("SELECT uuid FROM deliveries WHERE digest_id = :digest AND state = 'pending' "
                            + "AND (claimed_until IS NULL OR claimed_until < :now) FOR UPDATE SKIP LOCKED")
                    .bind("digest", delivery.digestId())
                    .bind("now", at)
                    .mapTo(String.class)
                    .list();
        }
        if (!(chosen instanceof ClaimDigest digest)) {
            return List.of();
        }
        List<String> members = new ArrayList<>();
        members.add(delivery.uuid());
        if (digest.maxEvents() > 1) {
            members.addAll(handle.createQuery("SELECT uuid FROM deliveries WHERE " + WAITING_FOR_DIGEST
                            + " AND uuid <> :first ORDER BY created_at, event_id FETCH FIRST :rows ROWS ONLY "
                            + "FOR UPDATE SKIP LOCKED")
                    .bind("configuration", delivery.configurationUuid())
                    .bind("first", delivery.uuid())
                    .bind("now", at)
                    .bind("rows", digest.maxEvents() - 1)
                    .mapTo(String.class)
                    .list());
        }
        handle.createUpdate("UPDATE deliveries SET digest_id = :digest WHERE uuid IN (<uuids>)")
                .bind("digest", UUID.randomUUID().toString())
                .bindList("uuids", members)
                .execute();
        if (members.size() == digest.maxEvents()) {
            closeFullDigest(handle, delivery.configurationUuid(), digest.maxEvents(), now);
        }
        return members;
    }

    /**
     * When {@code maxEvents} or more of the configuration's deliveries wait for a digest beyond those
     * the digests already due will gather, makes the oldest of them due now, so the next claim pass
     * sends that digest without waiting for its window to close; in the caller's transaction.
     *
     * <p>A digest already due (made due here, not claimed yet, or being claimed right now by a
     * transaction not committed yet) gathers the oldest waiting deliveries, up to its size: those
     * are passed over. Counting them as waiting instead let a relay pass and a concurrent claim
     * each leave the close to the other: the relay saw the digest's first as the oldest, already
     * due, and the claim did not see the relay's new deliveries, so a full digest waited for its
     * window.
     */
    public void closeFullDigest(Handle handle, String configurationUuid, int maxEvents, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        // both counts from one statement, so from one snapshot: counted apart, a claim committed in
        // between let the first count a digest's first as due and the second miss its members
        long[] counts = handle.createQuery("SELECT COUNT(CASE WHEN next_attempt_at <= :now THEN 1 END), "
                        + "COUNT(CASE WHEN next_attempt_at > :now THEN 1 END) FROM deliveries WHERE " + WAITING_FOR_DIGEST)
                .bind("configuration", configurationUuid)
                .bind("now", at)
                .map((rows, context) -> new long[] {rows.getLong(1), rows.getLong(2)})
                .one();
        long gathered = counts[0] * (maxEvents - 1);
        long waiting = counts[1];
        if (waiting - gathered < maxEvents) {
            return;
        }
        handle.createQuery("SELECT uuid FROM deliveries WHERE " + WAITING_FOR_DIGEST
                        + " AND next_attempt_at > :now ORDER BY created_at, event_id OFFSET :gathered ROWS "
                        + "FETCH FIRST 1 ROWS ONLY")
                .bind("configuration", configurationUuid)
                .bind("now", at)
                .bind("gathered", gathered)
                .mapTo(String.class)
                .findOne()
                .ifPresent(oldest -> handle.createUpdate("UPDATE deliveries SET next_attempt_at = :now "
                                + "WHERE uuid = :uuid AND next_attempt_at > :now")
                        .bind("now", at)
                        .bind("uuid", oldest)
                        .execute());
    }

    /**
     * What dispatch needs of claimed deliveries: the delivery, its retry budget, its configuration's
     * uuid and the event.
     *
     * @param budgetStart its creation, or its last replay
     */
    public record ClaimedRow(String uuid, int attempt, int attemptsBeforeReplay, Instant budgetStart, String configurationUuid,
            EndpointType endpointType, Event event, String digestId) {
    }

    public List<ClaimedRow> loadClaimed(List<String> uuids) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT d.uuid AS delivery_uuid, d.attempts, "
                        + "d.attempts_before_replay, COALESCE(d.replayed_at, d.created_at) AS budget_start, "
                        + "d.configuration_uuid, d.endpoint_type, d.min_severity, d.digest_id, " + EventRows.COLUMNS
                        + " FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.uuid IN (<uuids>) "
                        + "ORDER BY d.created_at, d.event_id")
                .bindList("uuids", uuids)
                .map((rs, ctx) -> new ClaimedRow(rs.getString("delivery_uuid"), rs.getInt("attempts"),
                        rs.getInt("attempts_before_replay"), Columns.instant(rs, "budget_start"),
                        rs.getString("configuration_uuid"), EndpointType.parse(rs.getString("endpoint_type")).orElseThrow(),
                        floored(eventRows.map(rs), Severity.parse(rs.getString("min_severity")).orElse(null)),
                        rs.getString("digest_id")))
                .list());
    }

    /**
     * The event as a delivery's message shows it: its vulnerability lists keep only those at or above
     * the floor the selectors that chose the delivery set ({@link VulnerabilityFloor}); null keeps all.
     */
    public static Event floored(Event event, Severity floor) {
        return event.withDetails(VulnerabilityFloor.keepAtOrAbove(event.details(), floor));
    }

    /**
     * Makes a configuration's pending deliveries due now that were put off for its failing receiver
     * (deferred to the end of a probe, held until its next retry, or retried later themselves), once
     * it answers again; none that another process holds. Quiet hours, rate limits and a receiver's
     * {@code Retry-After} put theirs off again when claimed. Not for a configuration with a digest,
     * whose pending deliveries wait for their window to close. Returns how many.
     */
    public int releaseWaiting(String configurationUuid, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE deliveries SET next_attempt_at = :at "
                        + "WHERE configuration_uuid = :configuration AND state = 'pending' AND next_attempt_at > :at "
                        + "AND (claimed_until IS NULL OR claimed_until < :at)")
                .bind("at", at).bind("configuration", configurationUuid).execute());
    }

    /**
     * Records the attempts at deliveries this claimant still holds, with each delivery's new state,
     * in one transaction; a claim that expired and was taken over is left to its new holder, and
     * its attempt is not recorded (the holder records its own), as is one ended dead meanwhile
     * ({@link #endPending}, which clears its claim). A delivered one keeps the claimant as
     * {@code delivered_by}. Each attempt goes into its delivery's row; one that was not delivered goes
     * into the history too (the row will hold the next one), so a delivery delivered at its first
     * attempt costs one write here. Returns the attempts that were recorded.
     */
    public List<SettledAttempt> recordAttempts(List<SettledAttempt> attempts, String claimant, Instant now) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return jdbi.inTransaction(handle -> {
            PreparedBatch settle = handle.prepareBatch("UPDATE deliveries SET state = :state, "
                    + "next_attempt_at = COALESCE(:nextAttemptAt, next_attempt_at), "
                    + "last_status_code = :statusCode, last_error = :error, external_id = :externalId, "
                    + "claimed_until = NULL, claimed_by = NULL, updated_at = :at, delivered_at = :deliveredAt, "
                    + "delivered_by = :deliveredBy, last_attempt_started_at = :startedAt, "
                    + "last_attempt_finished_at = :finishedAt WHERE uuid = :uuid AND claimed_by = :claimant");
            for (SettledAttempt attempt : attempts) {
                settle.bind("state", attempt.state().apiName())
                        .bind("nextAttemptAt", attempt.nextAttemptAt() == null ? null
                                : attempt.nextAttemptAt().atOffset(ZoneOffset.UTC))
                        .bind("statusCode", attempt.attempt().statusCode())
                        .bind("error", attempt.lastError())
                        .bind("externalId", attempt.externalId())
                        .bind("at", at)
                        .bind("deliveredAt", attempt.state() == DeliveryState.DELIVERED ? at : null)
                        .bind("deliveredBy", attempt.state() == DeliveryState.DELIVERED ? claimant : null)
                        .bind("startedAt", attempt.attempt().startedAt().atOffset(ZoneOffset.UTC))
                        .bind("finishedAt", attempt.attempt().finishedAt().atOffset(ZoneOffset.UTC))
                        .bind("uuid", attempt.deliveryUuid())
                        .bind("claimant", claimant)
                        .add();
            }
            int[] settled = settle.execute();
            PreparedBatch history = handle.prepareBatch("INSERT INTO delivery_attempts (delivery_uuid, attempt, "
                    + "started_at, finished_at, status_code, error, outcome) "
                    + "VALUES (:uuid, :attempt, :startedAt, :finishedAt, :statusCode, :error, :outcome)");
            List<SettledAttempt> recorded = new ArrayList<>(attempts.size());
            CountChanges counts = new CountChanges();
            for (int i = 0; i < settled.length; i++) {
                SettledAttempt settledAttempt = attempts.get(i);
                // SUCCESS_NO_INFO: the driver did the update without counting rows
                if (settled[i] > 0 || settled[i] == Statement.SUCCESS_NO_INFO) {
                    recorded.add(settledAttempt);
                    // still claimed, so pending until now: endPending clears the claims of what it ends
                    counts.move(settledAttempt.account(), DeliveryState.PENDING, settledAttempt.state(), 1);
                    DeliveryAttempt attempt = settledAttempt.attempt();
                    if (attempt.outcome() == AttemptOutcome.DELIVERED) {
                        continue;
                    }
                    history.bind("uuid", settledAttempt.deliveryUuid())
                            .bind("attempt", attempt.attempt())
                            .bind("startedAt", attempt.startedAt().atOffset(ZoneOffset.UTC))
                            .bind("finishedAt", attempt.finishedAt().atOffset(ZoneOffset.UTC))
                            .bind("statusCode", attempt.statusCode())
                            .bind("error", attempt.error())
                            .bind("outcome", attempt.outcome().apiName())
                            .add();
                }
            }
            if (history.size() > 0) {
                history.execute();
            }
            counts.write(handle);
            return recorded;
        });
    }

    /**
     * Ends the configuration's pending deliveries (of its account) as dead with the reason, in the
     * caller's transaction; those claimed for an attempt under way are left to it. Returns how many.
     */
    public int endPending(Handle handle, String account, String configurationUuid, String reason, Instant now) {
        // the expired claims go too: their holders' late outcomes are not recorded over the end
        int ended = handle.createUpdate("UPDATE deliveries SET state = 'dead', last_error = :reason, updated_at = :now, "
                        + "claimed_until = NULL, claimed_by = NULL WHERE configuration_uuid = :configuration AND state = 'pending' "
                        + "AND (claimed_until IS NULL OR claimed_until < :now)")
                .bind("configuration", configurationUuid)
                .bind("reason", reason)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .execute();
        CountChanges counts = new CountChanges();
        counts.move(account, DeliveryState.PENDING, DeliveryState.DEAD, ended);
        counts.write(handle);
        return ended;
    }

    /**
     * Clears the claims {@code claimant} still holds on pending deliveries, so that the next
     * Herald to dispatch takes them at once rather than after {@code claimed_until}. Returns how many.
     */
    public int releaseClaims(String claimant, Instant now) {
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
                .map((rs, ctx) -> new Backlog(rs.getLong("due"), Columns.instant(rs, "oldest"), 0))
                .one());
    }

    /**
     * Every attempt at one delivery, first to last: those in the history, and the delivered one
     * its row holds.
     */
    public List<DeliveryAttempt> attempts(String deliveryUuid) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT attempt, started_at, finished_at, status_code, "
                        + "error, outcome FROM delivery_attempts WHERE delivery_uuid = :uuid "
                        + "UNION ALL SELECT attempts, last_attempt_started_at, last_attempt_finished_at, last_status_code, "
                        + "NULL, 'delivered' FROM deliveries d WHERE uuid = :uuid AND state = 'delivered' "
                        + "AND last_attempt_started_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM delivery_attempts a "
                        + "WHERE a.delivery_uuid = d.uuid AND a.attempt = d.attempts) ORDER BY attempt")
                .bind("uuid", deliveryUuid)
                .map((rs, ctx) -> new DeliveryAttempt(rs.getInt("attempt"), Columns.instant(rs, "started_at"),
                        Columns.instant(rs, "finished_at"), rs.getObject("status_code", Integer.class),
                        rs.getString("error"), AttemptOutcome.parse(rs.getString("outcome"))))
                .list());
    }

    public Optional<Delivery> find(String account, String uuid) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT_DELIVERY + "WHERE d.uuid = :uuid AND d.account_name = :account")
                .bind("uuid", uuid)
                .bind("account", account)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    /**
     * How many deliveries of the account are in each state (every state, zero included): the console's
     * counts. The settled ones are read from the counts kept as deliveries settle ({@link CountChanges},
     * migrations V12 and V19); the pending ones, the queue, are counted through the index on
     * (account_name, state, …).
     */
    public Map<DeliveryState, Long> countByState(String account) {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryState state : DeliveryState.values()) {
            counts.put(state, 0L);
        }
        jdbi.useHandle(handle -> handle.createQuery(
                        "SELECT state, SUM(n) AS n FROM delivery_counts WHERE account_name = :account GROUP BY state "
                                + "UNION ALL SELECT state, COUNT(*) AS n FROM deliveries "
                                + "WHERE account_name = :account AND state = 'pending' GROUP BY state")
                .bind("account", account)
                .map((rs, ctx) -> Map.entry(rs.getString("state"), rs.getLong("n")))
                .forEach(row -> DeliveryState.parse(row.getKey()).ifPresent(state -> counts.put(state, row.getValue()))));
        return counts;
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
        if (query.digestId() != null) {
            where.append(" AND d.digest_id = :digestId");
            values.put("digestId", query.digestId());
        }
        if (query.since() != null) {
            where.append(" AND d.created_at > :since");
            values.put("since", query.since().atOffset(ZoneOffset.UTC));
        }
        // the index's leading columns in the ORDER BY too: H2 reads a page from the index in its order
        // only then, and sorted every delivery of the account otherwise (over a second with 100,000)
        String order = query.state() == null ? "d.account_name, " : "d.account_name, d.state, ";
        return jdbi.withHandle(handle -> {
            Query select = handle.createQuery(SELECT_DELIVERY + where + " ORDER BY " + order
                    + "d.created_at DESC, d.uuid OFFSET :offset ROWS FETCH NEXT :rows ROWS ONLY");
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
                Columns.instant(rs, "next_attempt_at"),
                rs.getObject("last_status_code", Integer.class),
                rs.getString("last_error"),
                rs.getString("external_id"),
                Columns.instant(rs, "created_at"),
                Columns.instant(rs, "updated_at"),
                Columns.instant(rs, "delivered_at"),
                Columns.instant(rs, "replayed_at"),
                rs.getString("digest_id"));
    }
}
