package dev.herald.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateAddressesTest {

    @ParameterizedTest(name = "{0} is private: {1}")
    @CsvSource({
            "127.0.0.1, true",
            "127.8.9.10, true",
            "::1, true",
            "10.1.2.3, true",
            "172.16.0.1, true",
            "172.31.255.254, true",
            "172.32.0.1, false",
            "192.168.1.1, true",
            "169.254.169.254, true",
            "fe80::1, true",
            "fc00::1, true",
            "fd12:3456::1, true",
            "fec0::1, true",
            "::ffff:127.0.0.1, true",
            "::ffff:10.0.0.1, true",
            "::ffff:8.8.8.8, false",
            "100.64.0.1, true",
            "100.127.255.254, true",
            "100.128.0.1, false",
            "0.0.0.0, true",
            "0.1.2.3, true",
            "::, true",
            "224.0.0.1, true",
            "ff02::1, true",
            "8.8.8.8, false",
            "140.82.112.3, false",
            "2001:4860:4860::8888, false"})
    void addressesAreClassified(String address, boolean isPrivate) throws Exception {
        assertThat(PrivateAddresses.isPrivate(InetAddress.getByName(address))).isEqualTo(isPrivate);
    }

    @ParameterizedTest(name = "{0} as raw IPv6 bytes is private: {1}")
    @CsvSource({"127.0.0.1, true", "192.168.1.1, true", "8.8.8.8, false"})
    void ipv4MappedAddressesThatJavaKeepsAsIpv6AreJudgedByTheirIpv4Address(String ipv4, boolean isPrivate)
            throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, mapped, 12, 4);

        assertThat(PrivateAddresses.isPrivate(Inet6Address.getByAddress(null, mapped, -1))).isEqualTo(isPrivate);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "[::1], 0:0:0:0:0:0:0:1",
            "[::ffff:127.0.0.1], 127.0.0.1",
            "2130706433, 127.0.0.1",
            "127.1, 127.0.0.1",
            "8.8.8.8, 8.8.8.8"})
    void literalHostsAreReadWithoutDns(String host, String address) {
        assertThat(PrivateAddresses.literal(host)).hasValueSatisfying(
                literal -> assertThat(literal.getHostAddress()).isEqualTo(address));
    }

    @ParameterizedTest(name = "host [{0}]")
    @CsvSource({"localhost", "hooks.example.com", "api.github.com", "''"})
    void hostNamesAreNotLiterals(String host) {
        assertThat(PrivateAddresses.literal(host)).isEmpty();
    }

    @ParameterizedTest(name = "host [{0}]")
    @CsvSource({"localhost", "LOCALHOST", "localhost.", "LOCALHOST.", "LocalHost..", "api.localhost", "a.b.LOCALHOST.",
            "localhost.localdomain", "printer.local", "nas.home.arpa", "db.internal"})
    void namesPrivateByDefinitionArePrivateAsWritten(String host) {
        assertThat(PrivateAddresses.isPrivateName(host)).isTrue();
        assertThat(PrivateAddresses.privateAsWritten(host)).hasValueSatisfying(why -> assertThat(why).contains(host));
    }

    @ParameterizedTest(name = "host [{0}]")
    @CsvSource({"hooks.example.com", "localhost.example.com", "mylocalhost", "notlocal", "internal.example.org", "api.github.com"})
    void otherNamesWaitForTheirAddresses(String host) {
        assertThat(PrivateAddresses.privateAsWritten(host)).isEmpty();
    }

    @ParameterizedTest(name = "host [{0}]")
    @CsvSource({"[fe80::1%25lo], fe80:0:0:0:0:0:0:1", "[fe80::1%eth0], fe80:0:0:0:0:0:0:1", "[::1], 0:0:0:0:0:0:0:1",
            "127.0.0.1, 127.0.0.1"})
    void privateLiteralsArePrivateAsWrittenEvenWithAZoneId(String host, String address) {
        assertThat(PrivateAddresses.privateAsWritten(host)).hasValue(address);
    }

    @ParameterizedTest(name = "host [{0}]")
    @CsvSource({"8.8.8.8", "[2001:4860:4860::8888]"})
    void publicLiteralsAreNot(String host) {
        assertThat(PrivateAddresses.privateAsWritten(host)).isEmpty();
    }
}
