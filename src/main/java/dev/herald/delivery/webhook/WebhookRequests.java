package dev.herald.delivery.webhook;

import dev.herald.delivery.http.HttpTarget;
import dev.herald.delivery.outcome.DeliveryOutcomes;
import dev.herald.delivery.outcome.RouteProperties;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.settings.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Prepares the deliver-webhook route's HTTP call: Anchore's flat event JSON (with an {@code alerts}
 * field naming the scanning alerts that sent it, when alerts did), or the configuration's
 * body_template rendered, as the body; its static headers, the
 * delivery and event ids as headers so receivers can dedupe, Basic auth when configured, and the
 * Standard Webhooks timestamp and signature when the configuration has a signing secret (the id
 * header, the delivery's, is the same on every retry; the timestamp is this attempt's).
 */
public final class WebhookRequests {

    private final WebhookBodies bodies;
    private final HttpTarget target;
    private final WebhookSignatures signatures;
    private final Clock clock;

    public WebhookRequests(WebhookBodies bodies, HttpTarget target, WebhookSignatures signatures, Clock clock) {
        this.bodies = bodies;
        this.target = target;
        this.signatures = signatures;
        this.clock = clock;
    }

    public void prepare(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(RouteProperties.DELIVERY, ClaimedDelivery.class);
        WebhookSettings settings = (WebhookSettings) delivery.configuration().settings();
        Message message = exchange.getMessage();
        byte[] body = bodies.body(delivery, settings);
        message.setBody(body);
        if (settings.headers() != null) {
            // names Herald sets itself are refused when saved, so the ones below always win
            settings.headers().forEach(message::setHeader);
        }
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        // a digest's id is its delivery id: the same on every attempt at it, and after a take-over
        message.setHeader("webhook-id", delivery.uuid());
        if (!delivery.isDigest()) {
            message.setHeader("X-Herald-Event-Id", delivery.event().eventId());
        }
        if (settings.signs()) {
            Instant now = clock.instant();
            long timestamp = now.getEpochSecond();
            message.setHeader("webhook-timestamp", Long.toString(timestamp));
            message.setHeader("webhook-signature", signatures.sign(delivery.configuration().uuid(), settings,
                    delivery.uuid(), timestamp, body, now));
        }
        if (settings.hasBasicAuth()) {
            String credentials = settings.username() + ":" + settings.password();
            message.setHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        // verification is on unless the configuration turns it off: verify_tls false, or verify_ssl false
        boolean verifyTls = delivery.configuration().verifyTls() && !Boolean.FALSE.equals(settings.verifySsl());
        target.aim(exchange, "POST", settings.url(), delivery.configuration(), verifyTls);
    }
}
