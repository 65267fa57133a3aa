package dev.herald.delivery.http;

import java.net.InetAddress;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.support.LRUCacheFactory;

/**
 * Receivers' names resolved lately, with the addresses {@link ReceiverAddresses} judged. A request to
 * a name known here is made on the thread at hand, with no lookup that could block it; a name not
 * known (or about to be forgotten) is looked up on a send thread, where a DNS server that does not
 * answer holds no dispatch thread. A name is kept as long as the JVM keeps a name it resolved
 * ({@code networkaddress.cache.ttl}, 30 s unless set), so its new addresses are used as soon as the
 * JVM's own resolver would use them; a name whose addresses were refused is not kept.
 */
final class ResolvedNames {

    /** About one per receiver; past that, the least used are looked up again when next needed. */
    private static final int REMEMBERED = 10_000;
    /** A name this close to being forgotten counts as unknown: it may be forgotten before its request resolves it. */
    private static final Duration MARGIN = Duration.ofSeconds(5);
    /** The JVM's own lifetime for a name it resolved when no security property sets one. */
    private static final Duration JVM_DEFAULT = Duration.ofSeconds(30);

    private final Map<String, Resolved> names = LRUCacheFactory.newLRUCache(REMEMBERED);
    private final Clock clock;
    private final Duration lifetime;

    ResolvedNames(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** As long as the JVM keeps what it resolved. */
    static ResolvedNames asLongAsTheJvm(Clock clock) {
        return new ResolvedNames(clock, jvmLifetime());
    }

    /** The name's addresses, or null when it was not resolved lately. */
    InetAddress[] addressesOf(String host) {
        Resolved resolved = names.get(host);
        return resolved != null && clock.instant().isBefore(resolved.at().plus(lifetime)) ? resolved.addresses() : null;
    }

    /** Whether a request to this name made now finds its addresses here. */
    boolean knows(String host) {
        Resolved resolved = names.get(host);
        return resolved != null && clock.instant().isBefore(resolved.at().plus(lifetime).minus(MARGIN));
    }

    void remember(String host, InetAddress[] addresses) {
        if (lifetime.compareTo(MARGIN) > 0) {
            names.put(host, new Resolved(addresses, clock.instant()));
        }
    }

    private static Duration jvmLifetime() {
        String seconds = Security.getProperty("networkaddress.cache.ttl");
        try {
            long ttl = seconds == null ? JVM_DEFAULT.toSeconds() : Long.parseLong(seconds.trim());
            // negative: the JVM keeps names forever; a day here, so a moved receiver is found again
            return ttl < 0 ? Duration.ofDays(1) : Duration.ofSeconds(ttl);
        } catch (NumberFormatException e) {
            return JVM_DEFAULT;
        }
    }

    private record Resolved(InetAddress[] addresses, Instant at) {
    }
}
