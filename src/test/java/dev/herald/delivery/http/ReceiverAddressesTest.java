package dev.herald.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.delivery.outcome.PrivateTargetRefused;
import dev.herald.support.AdjustableClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Names resolved lately are not looked up again until the JVM would forget them, and are said to
 * resolve at once only while they are sure to be there when the request asks for them.
 */
class ReceiverAddressesTest {

    private static final Duration LIFETIME = Duration.ofSeconds(30);

    private final AdjustableClock clock = new AdjustableClock();
    private final CountingLookup lookup = new CountingLookup(Map.of(
            "hooks.example.com", address(203, 0, 113, 7),
            "intranet.example.com", address(10, 0, 0, 7)));
    private final ReceiverAddresses addresses = new ReceiverAddresses(lookup, false, new ResolvedNames(clock, LIFETIME));

    @Test
    void aNameIsLookedUpOnceWhileItIsRememberedAndResolvesAtOnceMeanwhile() throws Exception {
        assertThat(addresses.resolvesAtOnce("hooks.example.com")).isFalse();

        assertThat(addresses.resolve("hooks.example.com")).containsExactly(address(203, 0, 113, 7));
        assertThat(addresses.resolve("hooks.example.com")).containsExactly(address(203, 0, 113, 7));

        assertThat(lookup.asked).containsExactly("hooks.example.com");
        assertThat(addresses.resolvesAtOnce("hooks.example.com")).isTrue();
        assertThat(addresses.resolvesAtOnce("other.example.com")).isFalse();
    }

    @Test
    void aNameAboutToBeForgottenNoLongerResolvesAtOnceAndIsLookedUpAgainOnceForgotten() throws Exception {
        addresses.resolve("hooks.example.com");

        clock.advance(Duration.ofSeconds(26));
        assertThat(addresses.resolvesAtOnce("hooks.example.com")).isFalse();
        addresses.resolve("hooks.example.com");
        assertThat(lookup.asked).hasSize(1);

        clock.advance(Duration.ofSeconds(4));
        addresses.resolve("hooks.example.com");
        assertThat(lookup.asked).hasSize(2);
        assertThat(addresses.resolvesAtOnce("hooks.example.com")).isTrue();
    }

    @Test
    void aRefusedNameIsNotRememberedSoEveryRequestIsRefused() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> addresses.resolve("intranet.example.com")).isInstanceOf(PrivateTargetRefused.class);
        }
        assertThat(lookup.asked).hasSize(2);
        assertThat(addresses.resolvesAtOnce("intranet.example.com")).isFalse();
    }

    @Test
    void literalAddressesResolveAtOnceWithoutALookup() {
        assertThat(addresses.resolvesAtOnce("203.0.113.9")).isTrue();
        assertThat(addresses.resolvesAtOnce("2001:db8::1")).isTrue();
        assertThat(addresses.resolvesAtOnce("[2001:db8::1]")).isTrue();
        assertThat(lookup.asked).isEmpty();
    }

    @Test
    void withTheJvmKeepingNoNameNothingIsRemembered() throws Exception {
        ReceiverAddresses uncached = new ReceiverAddresses(lookup, false, new ResolvedNames(clock, Duration.ZERO));

        uncached.resolve("hooks.example.com");
        uncached.resolve("hooks.example.com");

        assertThat(lookup.asked).hasSize(2);
        assertThat(uncached.resolvesAtOnce("hooks.example.com")).isFalse();
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A resolver that answers from a table and counts what it was asked. */
    private static final class CountingLookup implements HostLookup {

        final List<String> asked = new ArrayList<>();
        private final Map<String, InetAddress> names;

        CountingLookup(Map<String, InetAddress> names) {
            this.names = names;
        }

        @Override
        public synchronized InetAddress[] addressesOf(String host) throws UnknownHostException {
            asked.add(host);
            InetAddress address = names.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {address};
        }
    }
}
