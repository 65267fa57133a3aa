package dev.herald.delivery.outcome;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A receiver's host resolved to a private address while {@code herald.http.allow-private-targets}
 * is false. An {@link UnknownHostException}, so HTTP clients treat it as they treat a name that
 * does not resolve: no connection is opened and the call is not retried.
 */
public final class PrivateTargetRefused extends UnknownHostException {

    public PrivateTargetRefused(String host, InetAddress address) {
        super("target " + describe(host, address)
                + " is a private address and herald.http.allow-private-targets is false");
    }

    private static String describe(String host, InetAddress address) {
        String literal = address.getHostAddress();
        return host.equals(literal) || host.equals("[" + literal + "]") ? literal : host + " (" + literal + ")";
    }
}
