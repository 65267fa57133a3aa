package dev.herald.delivery.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.Mustache;
import dev.herald.delivery.message.ConfigurationTemplates.TemplateSyntaxException;
import dev.herald.delivery.message.ConfigurationTemplates;
import dev.herald.delivery.message.Notification.AlertReference;
import dev.herald.delivery.message.NotificationFactory;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.endpoint.settings.WebhookSettings;
import dev.herald.event.EventJson;
import dev.herald.event.EventTypeCatalogue;
import dev.herald.event.SampleEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The body a webhook sends: Anchore's flat event, or the configuration's {@code body_template}
 * rendered with the event's values, which must be JSON. A template is compiled once per version of
 * the configuration; when saved it is checked against a sample event of every catalogue type.
 */
public final class WebhookBodies {

    private final EventJson eventJson;
    private final NotificationFactory notifications;
    private final ConfigurationTemplates templates;
    private final EventTypeCatalogue eventTypes;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, CompiledTemplate> byConfiguration = new ConcurrentHashMap<>();

    public WebhookBodies(EventJson eventJson, NotificationFactory notifications, ConfigurationTemplates templates,
            EventTypeCatalogue eventTypes, ObjectMapper json, Clock clock) {
        this.eventJson = eventJson;
        this.notifications = notifications;
        this.templates = templates;
        this.eventTypes = eventTypes;
        this.json = json;
        this.clock = clock;
    }

    /** The exact bytes to send. */
    public byte[] body(ClaimedDelivery delivery, WebhookSettings settings) {
        if (settings.bodyTemplate() == null) {
            return delivery.isDigest() ? events(delivery) : flat(delivery);
        }
        Mustache template = compiled(delivery.configuration().uuid(), settings.bodyTemplate());
        String body = delivery.isDigest()
                ? templates.render(template, delivery.uuid(), delivery.carried().stream().map(notifications::of).toList())
                : templates.render(template, notifications.of(delivery));
        invalidJson(body).ifPresent(problem -> {
            throw new InvalidWebhookBody("body_template rendered no valid JSON for this event: " + problem);
        });
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** A digest's body: {@code {"events": [...]}}, each event as it would be sent on its own, oldest first. */
    private byte[] events(ClaimedDelivery digest) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode events = body.putArray("events");
        try {
            for (ClaimedDelivery carried : digest.carried()) {
                events.add(json.readTree(flat(carried)));
            }
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Anchore's flat event; {@code alerts: [{id, name, url}]} added when alerts sent it ({@code url}
     * without {@code herald.ui-url}: null).
     */
    public byte[] flat(ClaimedDelivery delivery) {
        List<AlertReference> alerts = notifications.alerts(delivery);
        if (alerts.isEmpty()) {
            return eventJson.flatBytes(delivery.event());
        }
        ArrayNode named = JsonNodeFactory.instance.arrayNode();
        alerts.forEach(alert -> named.addObject().put("id", alert.id()).put("name", alert.name()).put("url", alert.link()));
        return eventJson.flatBytes(delivery.event(), "alerts", named);
    }

    /**
     * What is wrong with a template, if anything: it does not compile, or does not render valid JSON
     * for the sample event of some catalogue type (the first such type is named).
     */
    public Optional<String> problem(String template, String account) {
        Mustache compiled;
        try {
            compiled = templates.compileJson("body_template", template);
        } catch (TemplateSyntaxException e) {
            return Optional.of(e.getMessage());
        }
        for (EventTypeCatalogue.KnownType type : eventTypes.known()) {
            String body = templates.render(compiled, notifications.of(sample(type, account, null)));
            Optional<String> invalid = invalidJson(body);
            if (invalid.isPresent()) {
                return Optional.of("renders no valid JSON for a " + type.type() + " event: " + invalid.get());
            }
        }
        return Optional.empty();
    }

    /** The body the configuration would send for a sample event of the type; a template must be valid. */
    public String preview(EndpointConfiguration configuration, EventTypeCatalogue.KnownType type) {
        ClaimedDelivery sample = sample(type, configuration.account(), configuration);
        WebhookSettings settings = (WebhookSettings) configuration.settings();
        if (settings.bodyTemplate() == null) {
            return new String(eventJson.flatBytes(sample.event()), StandardCharsets.UTF_8);
        }
        return templates.render(templates.compileJson("body_template", settings.bodyTemplate()),
                notifications.of(sample));
    }

    private ClaimedDelivery sample(EventTypeCatalogue.KnownType type, String account, EndpointConfiguration configuration) {
        return ClaimedDelivery.preview(EndpointType.WEBHOOK, configuration,
                SampleEvent.of(type, account, json, clock.instant()), clock.instant());
    }

    private Mustache compiled(String configuration, String template) {
        CompiledTemplate compiled = byConfiguration.get(configuration);
        if (compiled == null || !compiled.text().equals(template)) {
            compiled = new CompiledTemplate(template, templates.compileJson("body_template", template));
            byConfiguration.put(configuration, compiled);
        }
        return compiled.template();
    }

    /** Where the text stops being JSON, if it does: line, column and Jackson's reason, no text of the body. */
    private Optional<String> invalidJson(String body) {
        if (body.isBlank()) {
            return Optional.of("the result is empty");
        }
        try {
            // one JSON value and nothing after it
            json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of("line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + " of the result: " + e.getOriginalMessage());
        }
    }

    private record CompiledTemplate(String text, Mustache template) {
    }

    /** A body_template that rendered no JSON for an event: the delivery is dead, as a retry would render the same. */
    static final class InvalidWebhookBody extends RuntimeException {

        InvalidWebhookBody(String message) {
            super(message);
        }
    }
}
