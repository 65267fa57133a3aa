package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Event;
import dev.herald.event.EventLevel;
import dev.herald.event.EventQuery;
import dev.herald.event.NewEvent;
import dev.herald.validation.InvalidInputException;
import java.util.List;
import org.apache.camel.Exchange;

/** {@code /v2/events}: Anchore's events API, plus {@code POST} to ingest events. */
final class EventsApi {

    private final ApiServices services;

    EventsApi(ApiServices services) {
        this.services = services;
    }

    /** One event or a list; answers the stored event(s) in the same shape. */
    public Object ingest(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        JsonNode body = request.body();
        List<NewEvent> events = services.eventParser().parse(body, request.account());
        for (NewEvent event : events) {
            if (!event.resource().accountName().equals(request.account()) && !request.caller().isAdmin()) {
                throw ApiException.forbidden("only users of the admin account may post events of another account");
            }
        }
        List<ObjectNode> stored = services.events().insert(events).stream().map(services.eventJson()::response).toList();
        return body.isArray() ? stored : stored.get(0);
    }

    public Page list(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        String eventType = request.query("event_type");
        if (eventType != null && !eventType.matches("[a-z0-9_.*-]{1,255}")) {
            throw new InvalidInputException("event_type", "must match ^[a-z0-9-_.*]+$");
        }
        EventQuery query = new EventQuery(
                request.account(),
                request.query("source_service_name"),
                request.query("source_host_id"),
                eventType,
                request.query("resource_type"),
                request.query("resource_id"),
                request.queryOneOf("level", EventLevel::parse, "info, error"),
                request.queryInstant("since"),
                request.queryInstant("before"),
                request.page(),
                request.limit());
        return Page.of(services.events().list(query), query.page(), query.limit(), services.eventJson()::response);
    }

    public ObjectNode get(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        Event event = services.events().find(request.account(), request.path("event_id"))
                .orElseThrow(() -> ApiException.notFound("event"));
        return services.eventJson().response(event);
    }

    public void delete(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        if (!services.events().delete(request.account(), request.path("event_id"))) {
            throw ApiException.notFound("event");
        }
        request.answerEmpty();
    }

    /** {@code DELETE /v2/events}: the account's events matching the filters; answers their ids. */
    public List<String> deleteMatching(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return services.events().deleteMatching(
                request.account(),
                request.queryInstant("since"),
                request.queryInstant("before"),
                request.queryOneOf("level", EventLevel::parse, "info, error"));
    }

    /** {@code GET /v2/event-types}: the catalogue plus every type seen in the account's events. */
    public Object types(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return services.eventTypes().describe(services.events().seenTypes(request.account()));
    }
}
