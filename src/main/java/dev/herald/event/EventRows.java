package dev.herald.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.store.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads an event from a row of the events table (also when joined with other tables). */
public final class EventRows {

    /** The events columns, for queries that join them with others. */
    public static final String COLUMNS = "e.id, e.event_id, e.account_name, e.event_type, e.event_level, e.message, "
            + "e.details, e.occurred_at, e.resource_type, e.resource_id, e.source_service_name, e.source_host_id, "
            + "e.source_base_url, e.source_request_id, e.created_at";

    private final ObjectMapper json;

    public EventRows(ObjectMapper json) {
        this.json = json;
    }

    public Event map(ResultSet rs) throws SQLException {
        return new Event(
                rs.getLong("id"),
                rs.getString("event_id"),
                rs.getString("event_type"),
                EventLevel.parse(rs.getString("event_level")).orElseThrow(),
                rs.getString("message"),
                details(rs.getString("details")),
                Columns.instant(rs, "occurred_at"),
                new Event.Resource(rs.getString("account_name"), rs.getString("resource_type"), rs.getString("resource_id")),
                new Event.Source(rs.getString("source_service_name"), rs.getString("source_host_id"),
                        rs.getString("source_base_url"), rs.getString("source_request_id")),
                Columns.instant(rs, "created_at"));
    }

    /** Details written by another program may not be a JSON object; keep them readable as {"msg": …}. */
    private JsonNode details(String text) {
        try {
            JsonNode node = json.readTree(text == null ? "{}" : text);
            return node != null && node.isObject() ? node : json.createObjectNode().put("msg", text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode().put("msg", text);
        }
    }

}
