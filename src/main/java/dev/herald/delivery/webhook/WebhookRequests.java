package dev.herald.delivery.webhook;

import dev.herald.delivery.ClaimedDelivery;
import dev.herald.delivery.DeliveryOutcomes;
import dev.herald.endpoint.settings.WebhookSettings;
import dev.herald.event.EventJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Prepares the deliver-webhook route's HTTP call: Anchore's flat event JSON as the body, the
 * delivery and event ids as headers so receivers can dedupe, Basic auth when configured.
 *
 * <p>The camel-http endpoint is built from the target's origin and Herald's own options only
 * (timeouts, TLS); the full URL travels in {@code CamelHttpUri}. So a user's query string can
 * never set Camel endpoint options, and endpoints (and their connection pools) are shared by all
 * configurations of one origin.
 */
public final class WebhookRequests {

    /** Exchange property holding the camel-http endpoint URI that deliver-webhook sends to. */
    public static final String ENDPOINT_URI = "heraldEndpointUri";
    /** Registry names of the TLS settings used when a configuration turns verification off. */
    public static final String TRUST_ALL_TLS = "heraldTrustAllTls";
    public static final String NO_HOSTNAME_CHECK = "heraldNoHostnameCheck";

    private final EventJson eventJson;
    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public WebhookRequests(EventJson eventJson, Duration connectTimeout, Duration responseTimeout) {
        this.eventJson = eventJson;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    public void prepare(Exchange exchange) {
        ClaimedDelivery delivery = exchange.getProperty(DeliveryOutcomes.DELIVERY, ClaimedDelivery.class);
        WebhookSettings settings = (WebhookSettings) delivery.configuration().settings();
        Message message = exchange.getMessage();
        message.setBody(eventJson.flat(delivery.event()).toString().getBytes(StandardCharsets.UTF_8));
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_URI, settings.url());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("webhook-id", delivery.uuid());
        message.setHeader("X-Herald-Event-Id", delivery.event().eventId());
        if (settings.hasBasicAuth()) {
            String credentials = settings.username() + ":" + settings.password();
            message.setHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        exchange.setProperty(ENDPOINT_URI, endpointUri(settings.url(), verifiesTls(delivery, settings)));
    }

    /** Verification is on unless the configuration turns it off: verify_tls false, or verify_ssl false. */
    private static boolean verifiesTls(ClaimedDelivery delivery, WebhookSettings settings) {
        return delivery.configuration().verifyTls() && !Boolean.FALSE.equals(settings.verifySsl());
    }

    private String endpointUri(String url, boolean verifyTls) {
        URI target = URI.create(url);
        StringBuilder uri = new StringBuilder(target.getScheme().toLowerCase(java.util.Locale.ROOT))
                .append("://").append(target.getRawAuthority())
                .append("?throwExceptionOnFailure=false")
                .append("&connectTimeout=").append(connectTimeout.toMillis())
                .append("&responseTimeout=").append(responseTimeout.toMillis());
        if (!verifyTls) {
            uri.append("&sslContextParameters=#").append(TRUST_ALL_TLS)
                    .append("&x509HostnameVerifier=#").append(NO_HOSTNAME_CHECK);
        }
        return uri.toString();
    }
}
