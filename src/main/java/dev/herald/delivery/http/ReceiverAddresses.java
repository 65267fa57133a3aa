package dev.herald.delivery.http;

import dev.herald.delivery.outcome.PrivateTargetRefused;
import dev.herald.endpoint.PrivateAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves receivers' host names and, when {@code herald.http.allow-private-targets} is false,
 * refuses a name with any private address ({@link PrivateAddresses}). Every webhook, Teams, GitHub
 * and Jira request resolves its receiver here and connects to the address returned
 * ({@link ReceiverRequests}), so the address judged is the address connected to: a name that
 * pointed somewhere public when the configuration was saved and points at 127.0.0.1 when the
 * delivery is sent (DNS rebinding) is still refused.
 * Literal IP addresses come through here too.
 *
 * <p>Resolving may block for as long as the name's DNS servers take ({@link HostLookup}), so the
 * deliver route calls it on a send thread ({@code blockingSendThreads}), never on a dispatch thread.
 */
public final class ReceiverAddresses {

    private final HostLookup lookup;
    private final boolean allowPrivateTargets;

    public ReceiverAddresses(HostLookup lookup, boolean allowPrivateTargets) {
        this.lookup = lookup;
        this.allowPrivateTargets = allowPrivateTargets;
    }

    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = lookup.addressesOf(host);
        if (!allowPrivateTargets) {
            // every address, not only the first: the client may fall back to any of them
            for (InetAddress address : addresses) {
                if (PrivateAddresses.isPrivate(address)) {
                    throw new PrivateTargetRefused(host, address);
                }
            }
        }
        return addresses;
    }

    /** For a client that cannot be given this resolver: the same judgement, made before the call. */
    public void check(String host) throws UnknownHostException {
        if (!allowPrivateTargets) {
            resolve(host);
        }
    }
}
