package dev.herald.delivery.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;

/**
 * Endpoints for components whose options would hold a secret (an SMTP server's user and
 * password): an endpoint URI shows in JMX and in error logs, and Camel masks only some option
 * names. So the endpoint is created here, given its settings by its setters, and registered under
 * {@code <scheme>://herald-<hash of the settings>}, which a deliver route's toD then finds. Changed
 * settings make a new key, so an edited configuration gets a fresh endpoint. The hash is keyed with
 * a random key of this process (HMAC): a plain hash of settings that include a password would let
 * anyone who reads the URI in a log try guesses of a weak password offline.
 */
public final class KeyedEndpoints {

    private static final String HMAC = "HmacSHA256";

    private final CamelContext context;
    private final SecretKeySpec hashKey;

    public KeyedEndpoints(CamelContext context) {
        this.context = context;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.hashKey = new SecretKeySpec(key, HMAC);
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

    private String hash(String fingerprint) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(fingerprint.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
