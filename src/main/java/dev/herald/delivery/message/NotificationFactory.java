package dev.herald.delivery.message;

import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.event.Event;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds the {@link Notification} of a claimed delivery. The link comes from {@code herald.ui-url},
 * in which {@code {event_id}}, {@code {account}}, {@code {type}}, {@code {resource_type}} and
 * {@code {resource_id}} are replaced by the event's values (URL-encoded); single braces, because
 * Camel would resolve double ones as property placeholders.
 */
public final class NotificationFactory {

    private final String uiUrl;

    /** @param uiUrl the link pattern, or null for messages without a link */
    public NotificationFactory(String uiUrl) {
        this.uiUrl = uiUrl;
    }

    public Notification of(ClaimedDelivery delivery) {
        Event event = delivery.event();
        return new Notification(
                event.eventId(),
                delivery.uuid(),
                event.type(),
                event.level(),
                event.message(),
                event.accountName(),
                event.resource().type(),
                event.resource().id(),
                event.source().serviceName(),
                event.source().hostId(),
                event.timestamp(),
                DigestReader.read(event.details()).orElse(null),
                link(event));
    }

    private String link(Event event) {
        if (uiUrl == null) {
            return null;
        }
        String link = uiUrl;
        Map<String, String> values = Map.of(
                "{event_id}", event.eventId(),
                "{account}", event.accountName(),
                "{type}", event.type(),
                "{resource_type}", nullToEmpty(event.resource().type()),
                "{resource_id}", nullToEmpty(event.resource().id()));
        for (Map.Entry<String, String> value : values.entrySet()) {
            link = link.replace(value.getKey(), URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8));
        }
        return link;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
