package dev.herald.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.event.EventTypeCatalogue.EventDescription;
import dev.herald.store.Columns;
import dev.herald.store.Database;
import dev.herald.store.TimeOrderedIds;
import dev.herald.validation.FieldError;
import dev.herald.validation.InvalidInputException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The events table: ingestion, the queries of the events API, and the relay's claim. */
public final class EventRepository {

    private static final String SELECT = "SELECT " + EventRows.COLUMNS + " FROM events e ";
    private static final String CLAIMED_COLUMNS = "SELECT id, account_name, event_level, event_type, resource_type "
            + "FROM events ";
    private static final String CLAIM_UNRELAYED = CLAIMED_COLUMNS
            + "WHERE relayed_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED";
    /**
     * The same claim for H2, in two statements. H2 reads every unrelayed event when a SELECT … FOR
     * UPDATE has a LIMIT, and follows its index (relayed_at, id) only for an ORDER BY on both
     * columns: the batch is chosen through the index first, then only its rows are locked (H2 serves
     * one Herald). Not as {@code id IN (subquery)}: H2 runs the subquery again for every row it
     * checks, since Herald turns its reuse of results off.
     */
    private static final String CHOOSE_UNRELAYED_ON_H2 = "SELECT id FROM events WHERE relayed_at IS NULL "
            + "ORDER BY relayed_at, id LIMIT :limit";
    private static final String CLAIM_CHOSEN_ON_H2 = CLAIMED_COLUMNS
            + "WHERE id IN (<ids>) AND relayed_at IS NULL ORDER BY id FOR UPDATE SKIP LOCKED";

    private static final String INSERT = "INSERT INTO events (event_id, account_name, event_type, event_level, message, "
            + "details, occurred_at, resource_type, resource_id, source_service_name, source_host_id, source_base_url, "
            + "source_request_id, created_at) VALUES (:eventId, :account, :type, :level, :message, :details, :occurredAt, "
            + ":resourceType, :resourceId, :serviceName, :hostId, :baseUrl, :requestId, :createdAt)";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final EventRows rows;
    private final Clock clock;

    public EventRepository(Jdbi jdbi, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.json = json;
        this.rows = new EventRows(json);
        this.clock = clock;
    }

    /**
     * Stores the events in one transaction and returns them as stored, in order. An event whose
     * producer-chosen id is already stored for the same account is returned as it was, not stored
     * again, so a producer may retry a POST; an id another account uses is refused without saying
     * anything of that account's event.
     */
    public List<Event> insert(List<NewEvent> events) {
        try {
            return jdbi.inTransaction(handle -> insert(handle, events));
        } catch (UnableToExecuteStatementException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            // the same id was stored concurrently: now it is found and returned as a repeat
            return jdbi.inTransaction(handle -> insert(handle, events));
        }
    }

    /**
     * Stores the events as {@link #insert(List)} does, within the caller's transaction, so a producer
     * inside Herald (scan results, runtime inventory) stores its events with the state they report.
     */
    public List<Event> insert(Handle handle, List<NewEvent> events) {
        Map<String, Event> existing = findByEventIds(handle, events.stream()
                .map(NewEvent::eventId).filter(id -> id != null).toList());
        Map<String, NewEvent> toInsert = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        List<FieldError> taken = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            String eventId = event.eventId() != null ? event.eventId() : TimeOrderedIds.hex();
            Event stored = existing.get(eventId);
            if (stored != null && !stored.accountName().equals(event.resource().accountName())) {
                taken.add(new FieldError(events.size() == 1 ? "id" : "[" + i + "].id", "is already used by another event"));
            }
            order.add(eventId);
            if (stored == null) {
                toInsert.putIfAbsent(eventId, event);
            }
        }
        if (!taken.isEmpty()) {
            throw new InvalidInputException(taken);
        }
        if (!toInsert.isEmpty()) {
            existing.putAll(store(handle, toInsert, roundedToMicros(clock.instant())));
        }
        return order.stream().map(existing::get).toList();
    }

    /**
     * Inserts the events in one JDBC batch and returns them as stored, by public id, built from
     * what was bound and the keys the database generated: reading 500 rows back and parsing their
     * details again cost a fifth of a post's time. The times are bound rounded to the columns'
     * microseconds, so what is returned is what a read would give.
     */
    private static Map<String, Event> store(Handle handle, Map<String, NewEvent> toInsert, Instant now) {
        PreparedBatch batch = handle.prepareBatch(INSERT);
        Map<String, Instant> occurred = new HashMap<>();
        toInsert.forEach((eventId, event) -> {
            Instant timestamp = roundedToMicros(event.timestamp());
            occurred.put(eventId, timestamp);
            batch.bind("eventId", eventId)
                    .bind("account", event.resource().accountName())
                    .bind("type", event.type())
                    .bind("level", event.level().apiName())
                    .bind("message", event.message())
                    .bind("details", event.detailsJson())
                    .bind("occurredAt", timestamp.atOffset(ZoneOffset.UTC))
                    .bind("resourceType", event.resource().type())
                    .bind("resourceId", event.resource().id())
                    .bind("serviceName", event.source().serviceName())
                    .bind("hostId", event.source().hostId())
                    .bind("baseUrl", event.source().baseUrl())
                    .bind("requestId", event.source().requestId())
                    .bind("createdAt", now.atOffset(ZoneOffset.UTC))
                    .add();
        });
        List<Long> keys = batch.executePreparedBatch("id").mapTo(Long.class).list();
        if (keys.size() != toInsert.size()) {
            throw new IllegalStateException("The database generated " + keys.size() + " keys for " + toInsert.size() + " events");
        }
        Map<String, Event> stored = new HashMap<>();
        Iterator<Long> key = keys.iterator();
        toInsert.forEach((eventId, event) -> stored.put(eventId, new Event(key.next(), eventId, event.type(),
                event.level(), event.message(), event.details(), occurred.get(eventId), event.resource(),
                event.source(), now)));
        return stored;
    }

    /** Both databases keep microseconds and round the rest half up (H2's scale 6, pgjdbc's text form). */
    static Instant roundedToMicros(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return instant.getNano() % 1_000 >= 500 ? micros.plusNanos(1_000) : micros;
    }

    /** SQLState 23505, the same on H2 and PostgreSQL. */
    public static boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }

    private Map<String, Event> findByEventIds(Handle handle, Collection<String> eventIds) {
        Map<String, Event> found = new HashMap<>();
        if (eventIds.isEmpty()) {
            return found;
        }
        handle.createQuery(SELECT + "WHERE e.event_id IN (<ids>)")
                .bindList("ids", List.copyOf(eventIds))
                .map((rs, ctx) -> rows.map(rs))
                .forEach(event -> found.put(event.eventId(), event));
        return found;
    }

    public Optional<Event> find(String account, String eventId) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + "WHERE e.event_id = :eventId AND e.account_name = :account")
                .bind("eventId", eventId)
                .bind("account", account)
                .map((rs, ctx) -> rows.map(rs))
                .findOne());
    }

    /** One page of events, newest first, with one extra row fetched to tell whether another page follows. */
    public List<Event> list(EventQuery query) {
        EventFilter filter = EventFilter.of(query.account())
                .equal("source_service_name", query.sourceServiceName())
                .equal("source_host_id", query.sourceHostId())
                .equal("resource_type", query.resourceType())
                .equal("resource_id", query.resourceId())
                .equal("event_level", query.level() == null ? null : query.level().apiName())
                .typePrefix(query.eventType())
                .after(query.since())
                .before(query.before());
        return jdbi.withHandle(handle -> {
            Query select = handle.createQuery(SELECT + "WHERE " + filter.sql()
                    + " ORDER BY e.occurred_at DESC, e.id DESC OFFSET :offset ROWS FETCH NEXT :rows ROWS ONLY");
            filter.bindTo(select);
            return select.bind("offset", (long) (query.page() - 1) * query.limit())
                    .bind("rows", query.limit() + 1)
                    .map((rs, ctx) -> rows.map(rs))
                    .list();
        });
    }

    public boolean delete(String account, String eventId) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM events WHERE event_id = :eventId AND account_name = :account")
                .bind("eventId", eventId)
                .bind("account", account)
                .execute()) > 0;
    }

    /** Deletes the account's events matching the filters of {@code DELETE /v2/events}; returns their ids. */
    public List<String> deleteMatching(String account, Instant since, Instant before, EventLevel level) {
        EventFilter filter = EventFilter.of(account)
                .equal("event_level", level == null ? null : level.apiName())
                .after(since)
                .before(before);
        return jdbi.inTransaction(handle -> {
            Query select = handle.createQuery("SELECT e.event_id FROM events e WHERE " + filter.sql());
            filter.bindTo(select);
            List<String> ids = select.mapTo(String.class).list();
            if (!ids.isEmpty()) {
                handle.createUpdate("DELETE FROM events WHERE event_id IN (<ids>)").bindList("ids", ids).execute();
            }
            return ids;
        });
    }

    /** Every type seen in the account's events, with a message and resource type it was seen with. */
    public List<EventDescription> seenTypes(String account) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT event_type, MAX(message) AS message, MAX(resource_type) AS resource_type "
                                + "FROM events WHERE account_name = :account GROUP BY event_type")
                .bind("account", account)
                .map((rs, ctx) -> {
                    String type = rs.getString("event_type");
                    return new EventDescription(type.substring(type.lastIndexOf('.') + 1), type,
                            rs.getString("message"), rs.getString("resource_type"));
                })
                .list());
    }

    /**
     * Locks up to {@code limit} events not yet relayed, oldest first, skipping rows another
     * replica holds. The locks last until the caller's transaction ends. Only the columns the
     * selectors look at are read; the few events scanning alerts look at are completed by {@link #content}.
     */
    public List<UnrelayedEvent> claimUnrelayed(Handle handle, int limit) {
        Query claim;
        if (Database.of(handle) == Database.H2) {
            List<Long> chosen = handle.createQuery(CHOOSE_UNRELAYED_ON_H2).bind("limit", limit).mapTo(Long.class).list();
            if (chosen.isEmpty()) {
                return List.of();
            }
            claim = handle.createQuery(CLAIM_CHOSEN_ON_H2).bindList("ids", chosen);
        } else {
            claim = handle.createQuery(CLAIM_UNRELAYED).bind("limit", limit);
        }
        return claim.map((rs, ctx) -> new UnrelayedEvent(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    /**
     * How many events wait to be relayed, and when the oldest of them was stored: a count through
     * the index on (relayed_at, id), and the row of the lowest id.
     */
    public Unrelayed unrelayed() {
        return jdbi.withHandle(handle -> {
            long count = handle.createQuery("SELECT COUNT(*) FROM events WHERE relayed_at IS NULL")
                    .mapTo(Long.class).one();
            Instant oldest = count == 0 ? null : handle.createQuery("SELECT created_at FROM events "
                            + "WHERE relayed_at IS NULL ORDER BY relayed_at, id LIMIT 1")
                    .map((rs, ctx) -> Columns.instant(rs, "created_at"))
                    .findOne().orElse(null);
            return new Unrelayed(count, oldest);
        });
    }

    /**
     * The resource id and details of claimed events, by database key, read in the claiming
     * transaction. Only for events that scanning alerts look at: the claim itself leaves them out.
     */
    public Map<Long, EventContent> content(Handle handle, List<Long> ids) {
        Map<Long, EventContent> content = new HashMap<>();
        handle.createQuery("SELECT id, resource_id, details FROM events WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new EventContent(rs.getString(2), rs.getString(3))))
                .forEach(entry -> content.put(entry.getKey(), entry.getValue()));
        return content;
    }

    /** Whole events, by database key, read in the caller's transaction. */
    public Map<Long, Event> byKeys(Handle handle, Collection<Long> keys) {
        Map<Long, Event> events = new HashMap<>();
        handle.createQuery(SELECT + "WHERE e.id IN (<keys>)")
                .bindList("keys", List.copyOf(keys))
                .map((rs, ctx) -> Map.entry(rs.getLong("id"), rows.map(rs)))
                .forEach(entry -> events.put(entry.getKey(), entry.getValue()));
        return events;
    }

    /** Marks the events relayed at {@code at} by {@code relayer} (the claimant name of this process). */
    public void markRelayed(Handle handle, List<Long> ids, Instant at, String relayer) {
        handle.createUpdate("UPDATE events SET relayed_at = :at, relayed_by = :relayer WHERE id IN (<ids>)")
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .bind("relayer", relayer)
                .bindList("ids", ids)
                .execute();
    }
}
