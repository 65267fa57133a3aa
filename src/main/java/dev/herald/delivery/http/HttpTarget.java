package dev.herald.delivery.http;

import dev.herald.delivery.outcome.RouteProperties;
import dev.herald.endpoint.EndpointConfiguration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.spi.NormalizedEndpointUri;
import org.apache.camel.support.LRUCacheFactory;

/**
 * Aims an exchange at an HTTP receiver for the deliver routes' {@code toD}. The camel-vertx-http
 * endpoint is built from the target's origin and Herald's own options only (timeouts, the client);
 * the full URL travels in {@code CamelHttpUri}. So a configuration's query string can never set
 * Camel endpoint options, and one endpoint serves every target of an origin with the same options.
 */
public final class HttpTarget {

    /** About one per configuration; past that, the least used are worked out again when next needed. */
    private static final int REMEMBERED_TARGETS = 10_000;

    private final ReceiverTimeouts timeouts;
    /**
     * The endpoint URI of each target, already normalized: {@code toD} takes it as it is, where a
     * String would be parsed, its options sorted and decoded again on every delivery.
     */
    private final Map<Aim, NormalizedEndpointUri> endpointUris = LRUCacheFactory.newLRUCache(REMEMBERED_TARGETS);

    /**
     * @param timeouts the defaults, for configurations without a {@code timeout_seconds} of their own
     */
    public HttpTarget(ReceiverTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    /**
     * Sets method, URL and the endpoint to use; the caller sets the body and its own headers.
     *
     * @param verifyTls false only when the configuration turned verification off itself
     */
    public void aim(Exchange exchange, String method, String url, EndpointConfiguration configuration,
            boolean verifyTls) {
        Message message = exchange.getMessage();
        // as Vert.x's own type: a String here goes through Camel's type converters on every call
        message.setHeader(Exchange.HTTP_METHOD, HttpMethod.valueOf(method));
        message.setHeader(Exchange.HTTP_URI, url);
        Aim aim = new Aim(url, timeouts.of(configuration), verifyTls);
        exchange.setProperty(RouteProperties.ENDPOINT_URI, endpointUris.computeIfAbsent(aim,
                key -> exchange.getContext().getCamelContextExtension().normalizeUri(key.endpointUri())));
    }

    /** Aims a POST of {@code json} to {@code url}, verifying TLS unless the configuration turned that off. */
    public void postJson(Exchange exchange, String json, String url, EndpointConfiguration configuration) {
        Message message = exchange.getMessage();
        message.setBody(json.getBytes(StandardCharsets.UTF_8));
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        aim(exchange, "POST", url, configuration, configuration.verifyTls());
    }

    private record Aim(String url, ReceiverTimeouts timeouts, boolean verifyTls) {

        String endpointUri() {
            URI target = URI.create(url);
            return "vertx-http:" + target.getScheme().toLowerCase(Locale.ROOT) + "://" + target.getRawAuthority()
                    + "?throwExceptionOnFailure=false"
                    + "&connectTimeout=" + timeouts.connect().toMillis()
                    + "&timeout=" + timeouts.response().toMillis()
                    + "&vertxHttpBinding=#" + (verifyTls ? HttpConnections.VERIFYING : HttpConnections.TRUSTING);
        }
    }
}
