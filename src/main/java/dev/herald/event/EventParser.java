package dev.herald.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.validation.FieldError;
import dev.herald.validation.InvalidInputException;
import dev.herald.validation.JsonInput;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates events posted in Anchore's shape (one object or a list) and fills what Anchore would:
 * the message, level and resource type of a known type, the caller's account, the current time.
 */
public final class EventParser {

    public static final int MAX_EVENTS_PER_REQUEST = 1000;
    public static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_.-]+");
    public static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_DETAILS_CHARS = 512 * 1024;

    private final EventTypeCatalogue catalogue;
    private final ObjectMapper json;
    private final Clock clock;

    public EventParser(EventTypeCatalogue catalogue, ObjectMapper json, Clock clock) {
        this.catalogue = catalogue;
        this.json = json;
        this.clock = clock;
    }

    /** Parses a body holding one event or a list of them; events without an account get {@code account}. */
    public List<NewEvent> parse(JsonNode body, String account) {
        if (body != null && body.isArray()) {
            if (body.isEmpty() || body.size() > MAX_EVENTS_PER_REQUEST) {
                throw new InvalidInputException("body",
                        "must hold from 1 to " + MAX_EVENTS_PER_REQUEST + " events");
            }
            List<NewEvent> events = new ArrayList<>();
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < body.size(); i++) {
                try {
                    events.add(parseOne(JsonInput.ofObject(body.get(i), "[" + i + "]"), account));
                } catch (InvalidInputException e) {
                    errors.addAll(e.errors());
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            return events;
        }
        return List.of(parseOne(JsonInput.ofObject(body, ""), account));
    }

    private NewEvent parseOne(JsonInput input, String account) {
        input.throwIfInvalid();
        String eventId = input.optionalText("id", 64);
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            input.reject(input.field("id"), "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String type = input.requiredMatching("type", 255, EVENT_TYPE,
                "must be lower-case letters, digits, '.', '_' or '-' (no wildcards in an event)");
        Optional<EventTypeCatalogue.KnownType> known = type == null ? Optional.empty() : catalogue.find(type);

        EventLevel level = level(input, known);
        String message = input.optionalText("message", 4096);
        JsonNode details = details(input);
        String detailsJson = details.toString();
        if (detailsJson.length() > MAX_DETAILS_CHARS) {
            input.reject(input.field("details"), "must be at most " + MAX_DETAILS_CHARS + " characters of JSON");
        }
        Instant timestamp = timestamp(input);

        JsonInput resource = input.object("resource", false);
        String accountName = resource.optionalText("account_name", 64);
        if (accountName != null && !ACCOUNT_NAME.matcher(accountName).matches()) {
            resource.reject(resource.field("account_name"),
                    "must be 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        String resourceType = resource.optionalText("type", 255);
        String resourceId = resource.optionalText("id", 2048);

        JsonInput source = input.object("source", false);
        Event.Source eventSource = new Event.Source(
                source.optionalText("service_name", 255),
                source.optionalText("host_id", 255),
                source.optionalText("base_url", 2048),
                source.optionalText("request_id", 255));
        input.throwIfInvalid();

        return new NewEvent(
                eventId,
                type,
                level,
                message != null ? message : known.map(EventTypeCatalogue.KnownType::message).orElse(""),
                details,
                detailsJson,
                timestamp,
                new Event.Resource(
                        accountName != null ? accountName : account,
                        resourceType != null ? resourceType : known.map(EventTypeCatalogue.KnownType::resourceType).orElse(null),
                        resourceId),
                eventSource);
    }

    private static EventLevel level(JsonInput input, Optional<EventTypeCatalogue.KnownType> known) {
        if (!input.has("level") && known.isPresent()) {
            return known.get().level();
        }
        String text = input.requiredText("level", 16);
        if (text == null) {
            return null;
        }
        Optional<EventLevel> level = EventLevel.parse(text);
        if (level.isEmpty()) {
            input.reject(input.field("level"), "must be info or error");
        }
        return level.orElse(null);
    }

    /** Anchore wraps a details value that is not an object as {@code {"msg": "<text>"}}. */
    private ObjectNode details(JsonInput input) {
        JsonNode details = input.raw("details");
        if (details == null) {
            return json.createObjectNode();
        }
        if (details.isObject()) {
            return (ObjectNode) details;
        }
        return json.createObjectNode().put("msg", details.isTextual() ? details.textValue() : details.toString());
    }

    private Instant timestamp(JsonInput input) {
        String text = input.optionalText("timestamp", 64);
        if (text == null) {
            return clock.instant();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                // Anchore sends UTC without an offset: 2025-10-01T09:08:54.749806
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                input.reject(input.field("timestamp"), "must be an ISO-8601 date-time such as 2026-11-21T09:08:54Z");
                return null;
            }
        }
    }
}
