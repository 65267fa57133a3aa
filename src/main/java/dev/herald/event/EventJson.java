package dev.herald.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON shapes of an event: Anchore's flat notification body and its API record. */
public final class EventJson {

    private final ObjectMapper json;

    public EventJson(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The flat event Anchore POSTs to webhooks:
     * {@code {id, type, level, message, details, timestamp, resource, source}}; also what a
     * selector's CEL filter sees as {@code event}.
     */
    public ObjectNode flat(Event event) {
        ObjectNode node = json.createObjectNode();
        node.put("id", event.eventId());
        node.put("type", event.type());
        node.put("level", event.level().apiName());
        node.put("message", event.message());
        node.set("details", event.details());
        node.put("timestamp", event.timestamp().toString());
        node.set("resource", resource(event));
        node.set("source", source(event));
        return node;
    }

    /** The flat event as a webhook's body: UTF-8 JSON, written straight to bytes. */
    public byte[] flatBytes(Event event) {
        return bytes(event, flat(event));
    }

    /** The flat event with one field more, what Herald adds to Anchore's shape (the alerts that sent it). */
    public byte[] flatBytes(Event event, String field, JsonNode value) {
        return bytes(event, flat(event).set(field, value));
    }

    private byte[] bytes(Event event, ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // a tree of nodes has nothing that cannot be written
            throw new IllegalStateException("Cannot write event " + event.eventId() + " as JSON", e);
        }
    }

    /**
     * An {@code EventResponse} of Anchore's API: {@code {event_id, created_at, event: {…}}}. Source
     * and resource fields that are not set are left out: Anchore's schema types them as strings, so
     * a null there is refused (the webhook body keeps them as null, as Anchore sends it).
     */
    public ObjectNode response(Event event) {
        ObjectNode inner = json.createObjectNode();
        inner.set("source", withoutNulls(source(event)));
        inner.set("resource", withoutNulls(resource(event)));
        inner.put("type", event.type());
        inner.put("category", event.type().split("\\.", 2)[0]);
        inner.put("level", event.level().apiName());
        inner.put("message", event.message());
        inner.set("details", event.details());
        inner.put("timestamp", event.timestamp().toString());
        ObjectNode node = json.createObjectNode();
        node.put("event_id", event.eventId());
        node.put("created_at", event.createdAt().toString());
        node.set("event", withoutNulls(inner));
        return node;
    }

    private static ObjectNode withoutNulls(ObjectNode node) {
        node.properties().removeIf(field -> field.getValue().isNull());
        return node;
    }

    private ObjectNode resource(Event event) {
        return json.createObjectNode()
                .put("account_name", event.resource().accountName())
                .put("type", event.resource().type())
                .put("id", event.resource().id());
    }

    private ObjectNode source(Event event) {
        return json.createObjectNode()
                .put("request_id", event.source().requestId())
                .put("service_name", event.source().serviceName())
                .put("host_id", event.source().hostId())
                .put("base_url", event.source().baseUrl());
    }
}
