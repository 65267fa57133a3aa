package dev.herald.support;

import dev.herald.support.Receipts.Expected;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Events written straight into the events table in one transaction, as another program may
 * write them (README: "other programs' INSERTs"), with ids the test chooses.
 */
public final class EventFeed {

    /** One event to write: its public id and the fields selectors look at. */
    public record FedEvent(String eventId, String account, String type, String level, String resourceType) {
    }

    /** A kind of admin event, and the receiver paths each event of it must reach. */
    public record Kind(String type, String level, String resourceType, List<String> paths) {
    }

    private EventFeed() {
    }

    /**
     * Feeds {@code count} admin events of the kinds in turn (ids {@code prefix0}, {@code prefix1}, …),
     * in one transaction; returns the deliveries they must make.
     */
    public static Set<Expected> feed(Jdbi sql, String prefix, int count, List<Kind> kinds) {
        List<FedEvent> events = new ArrayList<>();
        Set<Expected> expected = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Kind kind = kinds.get(i % kinds.size());
            String eventId = prefix + i;
            events.add(new FedEvent(eventId, "admin", kind.type(), kind.level(), kind.resourceType()));
            kind.paths().forEach(path -> expected.add(new Expected(eventId, path)));
        }
        insert(sql, events);
        return expected;
    }

    public static void insert(Jdbi sql, List<FedEvent> events) {
        sql.useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO events (event_id, account_name, event_type, "
                    + "event_level, message, details, resource_type, resource_id) VALUES (:eventId, :account, :type, "
                    + ":level, :message, '{}', :resourceType, :resourceId)");
            for (FedEvent event : events) {
                batch.bind("eventId", event.eventId())
                        .bind("account", event.account())
                        .bind("type", event.type())
                        .bind("level", event.level())
                        .bind("message", "fed event " + event.eventId())
                        .bind("resourceType", event.resourceType())
                        .bind("resourceId", "docker.io/acme/app-" + event.eventId() + ":1.0")
                        .add();
            }
            batch.execute();
        });
    }
}
