package dev.herald.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;

/**
 * Endpoints for components whose options would hold a secret (a Slack webhook URL, an SMTP
 * password): an endpoint URI shows in JMX and in error logs, and Camel masks only some option
 * names. So the endpoint is created here, given its settings by its setters, and registered under
 * {@code <scheme>://herald-<hash of the settings>}, which a deliver route's toD then finds. Changed
 * settings make a new key, so an edited configuration gets a fresh endpoint.
 */
public final class KeyedEndpoints {

    private final CamelContext context;

    public KeyedEndpoints(CamelContext context) {
        this.context = context;
    }

    /**
     * The URI of the endpoint for these settings, created on first use.
     *
     * @param fingerprint every setting the endpoint is configured with (only its hash is kept in the URI)
     * @param configure   gives a new endpoint its settings
     */
    public synchronized String uriFor(String scheme, String fingerprint, Consumer<Endpoint> configure) {
        String uri = scheme + "://herald-" + hash(fingerprint);
        if (context.hasEndpoint(uri) == null) {
            try {
                Endpoint endpoint = context.getComponent(scheme).createEndpoint(uri);
                configure.accept(endpoint);
                context.addEndpoint(uri, endpoint);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create a " + scheme + " endpoint", e);
            }
        }
        return uri;
    }

    private static String hash(String fingerprint) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
