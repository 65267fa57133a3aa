package dev.herald.delivery.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a receiver's host name becomes addresses, before {@link ReceiverAddresses} judges them. The
 * JVM's resolver ({@link #SYSTEM}) unless the host Herald runs in binds its own in the registry
 * (named {@code heraldHostLookup}): an embedding integration with a resolver of its own, or a test
 * that makes one name's lookup hang.
 *
 * <p>A lookup may block (a DNS server that does not answer holds it for its resolver's timeouts), so
 * it is called on a thread that may wait (a send thread), never on a dispatch thread.
 */
@FunctionalInterface
public interface HostLookup {

    /** The JVM's resolver: its cache ({@code networkaddress.cache.ttl}), then the system's (hosts file, DNS). */
    HostLookup SYSTEM = InetAddress::getAllByName;

    /** Every address of the name, or a literal address as it is; {@link UnknownHostException} when it has none. */
    InetAddress[] addressesOf(String host) throws UnknownHostException;
}
