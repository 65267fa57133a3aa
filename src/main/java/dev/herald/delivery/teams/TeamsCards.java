package dev.herald.delivery.teams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.delivery.http.HttpTarget;
import dev.herald.delivery.message.Notification;
import dev.herald.delivery.message.NotificationFactory;
import dev.herald.delivery.message.Templates;
import dev.herald.delivery.outcome.RouteProperties;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.settings.TeamsSettings;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Prepares the deliver-teams route's HTTP call: an Adaptive Card for a Workflows webhook, a
 * MessageCard for a legacy connector URL, with the delivery and event ids as headers so receivers
 * can dedupe. The URL (its path is Teams' token) travels only in the request, never in the
 * endpoint URI ({@link HttpTarget}).
 */
public final class TeamsCards {

    private final NotificationFactory notifications;
    private final Templates templates;
    private final HttpTarget target;

    public TeamsCards(NotificationFactory notifications, Templates templates, HttpTarget target) {
        this.notifications = notifications;
        this.templates = templates;
        this.target = target;
    }

    public void prepare(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
        String url = ((TeamsSettings) delivery.configuration().settings()).url();
        Message message = exchange.getMessage();
        message.setBody(payload(notifications.of(delivery), url).toString().getBytes(StandardCharsets.UTF_8));
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("webhook-id", delivery.uuid());
        message.setHeader("X-Herald-Event-Id", delivery.event().eventId());
        target.aim(exchange, "POST", url, delivery.configuration(), delivery.configuration().verifyTls());
    }

    /** The JSON body for a webhook at {@code url}. */
    public ObjectNode payload(Notification notification, String url) {
        TeamsCardContent content = TeamsCardContent.of(notification, templates);
        return TeamsWebhookUrls.isLegacyConnector(url)
                ? ConnectorCards.card(content)
                : WorkflowsMessages.message(content);
    }
}
