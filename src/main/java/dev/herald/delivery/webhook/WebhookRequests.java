package dev.herald.delivery.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.herald.delivery.http.HttpTarget;
import dev.herald.delivery.message.Notification.AlertReference;
import dev.herald.delivery.message.NotificationFactory;
import dev.herald.delivery.outcome.DeliveryOutcomes;
import dev.herald.delivery.outcome.RouteProperties;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.settings.WebhookSettings;
import dev.herald.event.Event;
import dev.herald.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Prepares the deliver-webhook route's HTTP call: Anchore's flat event JSON as the body (with an
 * {@code alerts} field naming the scanning alerts that sent it, when alerts did), the delivery and
 * event ids as headers so receivers can dedupe, Basic auth when configured.
 */
public final class WebhookRequests {

    private final EventJson eventJson;
    private final NotificationFactory notifications;
    private final HttpTarget target;

    public WebhookRequests(EventJson eventJson, NotificationFactory notifications, HttpTarget target) {
        this.eventJson = eventJson;
        this.notifications = notifications;
        this.target = target;
    }

    public void prepare(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
        WebhookSettings settings = (WebhookSettings) delivery.configuration().settings();
        Message message = exchange.getMessage();
        message.setBody(body(delivery.event(), notifications.alerts(delivery)));
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("webhook-id", delivery.uuid());
        message.setHeader("X-Herald-Event-Id", delivery.event().eventId());
        if (settings.hasBasicAuth()) {
            String credentials = settings.username() + ":" + settings.password();
            message.setHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        // verification is on unless the configuration turns it off: verify_tls false, or verify_ssl false
        boolean verifyTls = delivery.configuration().verifyTls() && !Boolean.FALSE.equals(settings.verifySsl());
        target.aim(exchange, "POST", settings.url(), delivery.configuration(), verifyTls);
    }

    /** Anchore's flat event; {@code alerts: [{id, name, url}]} added when alerts sent it ({@code url} without {@code herald.ui-url}: null). */
    public byte[] body(Event event, List<AlertReference> alerts) {
        if (alerts.isEmpty()) {
            return eventJson.flatBytes(event);
        }
        ArrayNode named = JsonNodeFactory.instance.arrayNode();
        alerts.forEach(alert -> named.addObject().put("id", alert.id()).put("name", alert.name()).put("url", alert.link()));
        return eventJson.flatBytes(event, "alerts", named);
    }
}
