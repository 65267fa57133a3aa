package dev.herald.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Aims an exchange at an HTTP receiver for the deliver routes' {@code toD}. The camel-http endpoint
 * is built from the target's origin and Herald's own options only (timeouts, TLS); the full URL
 * travels in {@code CamelHttpUri}. So a configuration's query string can never set Camel endpoint
 * options, and endpoints (and their connection pools) are shared by every target of one origin.
 */
public final class HttpTarget {

    /** Registry names of the TLS settings used when a configuration turns verification off. */
    public static final String TRUST_ALL_TLS = "heraldTrustAllTls";
    public static final String NO_HOSTNAME_CHECK = "heraldNoHostnameCheck";

    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public HttpTarget(Duration connectTimeout, Duration responseTimeout) {
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    /** Sets method, URL and the endpoint to use; the caller sets the body and its own headers. */
    public void aim(Exchange exchange, String method, String url, boolean verifyTls) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_METHOD, method);
        message.setHeader(Exchange.HTTP_URI, url);
        exchange.setProperty(RouteProperties.ENDPOINT_URI, endpointUri(url, verifyTls));
    }

    private String endpointUri(String url, boolean verifyTls) {
        URI target = URI.create(url);
        StringBuilder uri = new StringBuilder(target.getScheme().toLowerCase(Locale.ROOT))
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
