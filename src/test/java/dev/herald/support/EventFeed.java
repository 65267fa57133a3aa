package dev.herald.support;

import java.util.List;
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

    private EventFeed() {
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
