package dev.herald.support;

import dev.herald.delivery.http.HostLookup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Herald's name lookup in a test ({@link HeraldInstance#start(TestDatabase, Map, HostLookup)}): names
 * made to hang, as behind a DNS server that does not answer, until {@link #giveUp} (then they fail as
 * a resolver that gave up does), names that point at an address of the test's choosing, and every
 * other name resolved by the JVM.
 */
public final class ScriptedLookup implements HostLookup, AutoCloseable {

    private final Map<String, InetAddress> pointed = new ConcurrentHashMap<>();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final CountDownLatch givenUp = new CountDownLatch(1);
    private final AtomicInteger waiting = new AtomicInteger();

    /** Lookups of this name wait until {@link #giveUp}. */
    public ScriptedLookup hang(String name) {
        hanging.add(name.toLowerCase(Locale.ROOT));
        return this;
    }

    /** This name resolves to this one address. */
    public ScriptedLookup point(String name, InetAddress address) {
        pointed.put(name.toLowerCase(Locale.ROOT), address);
        return this;
    }

    @Override
    public InetAddress[] addressesOf(String host) throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        InetAddress address = pointed.get(name);
        if (address != null) {
            return new InetAddress[] {InetAddress.getByAddress(host, address.getAddress())};
        }
        if (!hanging.contains(name)) {
            return HostLookup.SYSTEM.addressesOf(host);
        }
        waiting.incrementAndGet();
        try {
            givenUp.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.decrementAndGet();
        }
        throw new UnknownHostException(host + ": Temporary failure in name resolution");
    }

    /** Lookups of a hanging name waiting now. */
    public int waitingNow() {
        return waiting.get();
    }

    /** The hanging lookups fail now, and later ones at once. */
    public void giveUp() {
        givenUp.countDown();
    }

    @Override
    public void close() {
        giveUp();
    }
}
