package dev.herald.delivery.teams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.delivery.http.HttpTarget;
import dev.herald.delivery.message.DigestNotification;
import dev.herald.delivery.message.DigestNotifications;
import dev.herald.delivery.message.Notification;
import dev.herald.delivery.message.NotificationFactory;
import dev.herald.delivery.message.Templates;
import dev.herald.delivery.outcome.RouteProperties;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.settings.TeamsSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Prepares the deliver-teams route's HTTP call: an Adaptive Card for a Workflows webhook, a
 * MessageCard for a legacy connector URL, with the delivery and event ids as headers so receivers
 * can dedupe. The URL (its path is Teams' token) travels only in the request, never in the
 * endpoint URI ({@link HttpTarget}).
 */
public final class TeamsCards {

    /** A card is a notice: a digest lists the first few events of each type, and counts them all. */
    static final int LINES_PER_GROUP = 5;

    private final NotificationFactory notifications;
    private final DigestNotifications digests;
    private final Templates templates;
    private final HttpTarget target;

    public TeamsCards(NotificationFactory notifications, Templates templates, HttpTarget target) {
        this.notifications = notifications;
        this.digests = new DigestNotifications(notifications, templates);
        this.templates = templates;
        this.target = target;
    }

    public void prepare(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
        String url = ((TeamsSettings) delivery.configuration().settings()).url();
        TeamsCardContent content = delivery.isDigest()
                ? TeamsCardContent.of(digests.of(delivery, LINES_PER_GROUP), templates)
                : TeamsCardContent.of(notifications.of(delivery), templates);
        target.postJson(exchange, payload(content, url).toString(), url, delivery.configuration());
        Message message = exchange.getMessage();
        // a digest's id is its delivery id: the same on every attempt at it
        message.setHeader("webhook-id", delivery.uuid());
        if (!delivery.isDigest()) {
            message.setHeader("X-Herald-Event-Id", delivery.event().eventId());
        }
    }

    /** The JSON body for a webhook at {@code url}. */
    public ObjectNode payload(Notification notification, String url) {
        return payload(TeamsCardContent.of(notification, templates), url);
    }

    /** The JSON body of a digest for a webhook at {@code url}. */
    public ObjectNode payload(DigestNotification digest, String url) {
        return payload(TeamsCardContent.of(digest, templates), url);
    }

    private static ObjectNode payload(TeamsCardContent content, String url) {
        return TeamsWebhookUrls.isLegacyConnector(url)
                ? ConnectorCards.card(content)
                : WorkflowsMessages.message(content);
    }
}
