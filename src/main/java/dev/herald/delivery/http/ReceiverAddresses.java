package dev.herald.delivery.http;

import dev.herald.delivery.outcome.PrivateTargetRefused;
import dev.herald.endpoint.PrivateAddresses;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * Resolves receivers' host names and, when {@code herald.http.allow-private-targets} is false,
 * refuses a name with any private address ({@link PrivateAddresses}). Every webhook, Teams, GitHub
 * and Jira request resolves its receiver here and connects to the address returned
 * ({@link ReceiverRequests}), so the address judged is the address connected to: a name that
 * pointed somewhere public when the configuration was saved and points at 127.0.0.1 when the
 * delivery is sent (DNS rebinding) is still refused.
 * Literal IP addresses come through here too.
 *
 * <p>Resolving may block for as long as the name's DNS servers take ({@link HostLookup}), so a
 * request to a name not resolved lately ({@link ResolvedNames}) is made on a send thread
 * ({@code blockingSendThreads}), never on a dispatch thread: {@link #resolvesAtOnce} tells the
 * deliver route which (through {@code BlockingSends}). A name resolved lately is not looked up
 * again: the addresses judged then are used.
 */
public final class ReceiverAddresses {

    private final HostLookup lookup;
    private final boolean allowPrivateTargets;
    private final ResolvedNames resolved;

    public ReceiverAddresses(HostLookup lookup, boolean allowPrivateTargets, Clock clock) {
        this(lookup, allowPrivateTargets, ResolvedNames.asLongAsTheJvm(clock));
    }

    ReceiverAddresses(HostLookup lookup, boolean allowPrivateTargets, ResolvedNames resolved) {
        this.lookup = lookup;
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolved = resolved;
    }

    /** Whether {@link #resolve} returns at once for this host: a literal address, or a name resolved lately. */
    public boolean resolvesAtOnce(String host) {
        return NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host) || resolved.knows(host);
    }

    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] known = resolved.addressesOf(host);
        if (known != null) {
            return known;
        }
        InetAddress[] addresses = lookup.addressesOf(host);
        if (!allowPrivateTargets) {
            // every address, not only the first: the client may fall back to any of them
            for (InetAddress address : addresses) {
                if (PrivateAddresses.isPrivate(address)) {
                    throw new PrivateTargetRefused(host, address);
                }
            }
        }
        resolved.remember(host, addresses);
        return addresses;
    }
}
