package dev.herald.endpoint;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The addresses {@code herald.http.allow-private-targets=false} keeps receivers away from: every
 * address that leads into Herald's own host or network rather than to a service on the internet.
 * Loopback, link-local (169.254/16 with the cloud metadata services, fe80::/10), private (10/8,
 * 172.16/12, 192.168/16, fc00::/7 unique local, the old fec0::/10 site-local), any-local (0.0.0.0/8,
 * ::), multicast, carrier-grade NAT (100.64/10), and IPv6 forms that carry one of these IPv4
 * addresses (::ffff:127.0.0.1). Also the names that are private by definition, whatever DNS says
 * of them ({@link #isPrivateName}).
 */
public final class PrivateAddresses {

    /** A host that Java would read as an IPv4 literal, dotted or not (127.1 and 2130706433 are 127.0.0.1 too). */
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");
    /**
     * Names private by definition, each with every name under it: RFC 6761's localhost, RFC 6762's
     * local (multicast DNS on the local link), RFC 8375's home.arpa and ICANN's internal (reserved
     * for private networks), and the localhost.localdomain of many /etc/hosts files.
     */
    private static final List<String> PRIVATE_NAMES = List.of("localhost", "localhost.localdomain", "local", "home.arpa",
            "internal");

    private PrivateAddresses() {
    }

    public static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0 || (first == 100 && (second & 0xc0) == 64);
        }
        if ((bytes[0] & 0xfe) == 0xfc) {
            return true;
        }
        return embeddedIpv4(bytes).map(PrivateAddresses::isPrivate).orElse(false);
    }

    /**
     * Why a URL's host is private as it is written, without asking DNS: a private IP literal (its
     * address) or a name private by definition (the name); empty when only resolving it can tell.
     */
    public static Optional<String> privateAsWritten(String host) {
        if (isPrivateName(host)) {
            return Optional.of(host + ", a private name by definition");
        }
        return literal(host).filter(PrivateAddresses::isPrivate).map(InetAddress::getHostAddress);
    }

    /** Whether the host is {@link #PRIVATE_NAMES a name private by definition} or under one, in any case, with or without trailing dots. */
    public static boolean isPrivateName(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT).replaceAll("\\.+$", "");
        return PRIVATE_NAMES.stream().anyMatch(privateName -> name.equals(privateName) || name.endsWith("." + privateName));
    }

    /**
     * The address a URL's host names literally (an IPv4 or IPv6 literal, brackets allowed), without
     * asking DNS; empty for a host name, which can only be judged once it is resolved. An IPv6 zone
     * id ({@code [fe80::1%25lo]}) is left aside: the address is judged without it, since a zone
     * names an interface of this host that Java may not know.
     */
    public static Optional<InetAddress> literal(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.contains(":") && bare.indexOf('%') >= 0) {
            bare = bare.substring(0, bare.indexOf('%'));
        }
        if (!bare.contains(":") && !IPV4_LITERAL.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The IPv4 address in an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) IPv6
     * address. Java turns most mapped addresses into {@link Inet4Address} itself, but not an
     * {@link Inet6Address} made from raw bytes.
     */
    private static Optional<InetAddress> embeddedIpv4(byte[] ipv6) {
        boolean zeroPrefix = Arrays.equals(ipv6, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeroPrefix && ipv6[10] == (byte) 0xff && ipv6[11] == (byte) 0xff;
        boolean compatible = zeroPrefix && ipv6[10] == 0 && ipv6[11] == 0;
        if (!mapped && !compatible) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(ipv6, 12, 16)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
