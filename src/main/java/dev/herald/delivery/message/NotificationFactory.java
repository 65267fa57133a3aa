package dev.herald.delivery.message;

import dev.herald.delivery.message.Notification.AlertReference;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.settings.MessageTemplates;
import dev.herald.event.Event;
import dev.herald.scanning.alert.FiredAlert;
import dev.herald.scanning.alert.Trigger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the {@link Notification} of a claimed delivery. Links come from {@code herald.ui-url}, the
 * address Herald's console is reached at ({@code https://herald.example.com}): the event's link opens
 * the console's events filtered to its type and resource, an alert's link opens the alert. A value
 * with placeholders is a pattern for the event's link instead (pointing anywhere, Anchore's UI for
 * one): {@code {event_id}}, {@code {account}}, {@code {type}}, {@code {resource_type}} and
 * {@code {resource_id}} are replaced by the event's values (URL-encoded; single braces, because
 * Camel would resolve double ones as property placeholders); alerts then have no link, since where
 * the console is cannot be told from it.
 */
public final class NotificationFactory {

    private final String uiUrl;
    private final boolean pattern;
    private final Function<String, List<FiredAlert>> alertsOfDelivery;

    /**
     * @param uiUrl            the console's address or a link pattern, or null for messages without links
     * @param alertsOfDelivery the alerts that chose a delivery, by its uuid
     */
    public NotificationFactory(String uiUrl, Function<String, List<FiredAlert>> alertsOfDelivery) {
        this.uiUrl = uiUrl == null ? null : uiUrl.replaceAll("/+$", "");
        this.pattern = uiUrl != null && uiUrl.contains("{");
        this.alertsOfDelivery = alertsOfDelivery;
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
                ChangesReader.read(event.details()).orElse(null),
                link(event),
                alerts(delivery),
                custom(delivery));
    }

    private static CustomTexts custom(ClaimedDelivery delivery) {
        return delivery.configuration() != null && delivery.configuration().settings() instanceof MessageTemplates own
                ? new CustomTexts(own.titleTemplate(), own.textTemplate()) : CustomTexts.NONE;
    }

    /** The alerts that sent the delivery; only events of an alert trigger's type can have any, so only those ask. */
    public List<AlertReference> alerts(ClaimedDelivery delivery) {
        if (Trigger.forEventType(delivery.event().type()).isEmpty()) {
            return List.of();
        }
        return alertsOfDelivery.apply(delivery.uuid()).stream()
                .map(alert -> new AlertReference(alert.alertId(), alert.name(), alertLink(alert.alertId())))
                .toList();
    }

    private String alertLink(String alertId) {
        return uiUrl == null || pattern ? null : uiUrl + "/console/#/alerts/edit/" + encode(alertId);
    }

    private String link(Event event) {
        if (uiUrl == null) {
            return null;
        }
        if (!pattern) {
            // the console's own links to its events screen: the filters as a query string, values encoded
            return uiUrl + "/console/#/events/event_type=" + encode(event.type())
                    + (event.resource().id() == null ? "" : "&resource_id=" + encode(event.resource().id()));
        }
        String link = uiUrl;
        Map<String, String> values = Map.of(
                "{event_id}", event.eventId(),
                "{account}", event.accountName(),
                "{type}", event.type(),
                "{resource_type}", nullToEmpty(event.resource().type()),
                "{resource_id}", nullToEmpty(event.resource().id()));
        for (Map.Entry<String, String> value : values.entrySet()) {
            link = link.replace(value.getKey(), encode(value.getValue()));
        }
        return link;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
