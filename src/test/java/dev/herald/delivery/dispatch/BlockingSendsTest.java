package dev.herald.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.delivery.http.HostLookup;
import dev.herald.delivery.http.ReceiverAddresses;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.ConfigurationStatus;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.endpoint.settings.EndpointSettings;
import dev.herald.endpoint.settings.SlackSettings;
import dev.herald.endpoint.settings.TeamsSettings;
import dev.herald.endpoint.settings.WebhookSettings;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Only a webhook, Teams or Slack request to a receiver resolved lately is made without a hop to a send thread. */
class BlockingSendsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final ReceiverAddresses receivers = new ReceiverAddresses(
            host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 7})}, false,
            Clock.systemUTC());
    private final BlockingSends sends = new BlockingSends(receivers);

    @Test
    void aWebhookTeamsOrSlackRequestBlocksUntilItsReceiversNameIsResolved() throws Exception {
        ClaimedDelivery webhook = delivery(EndpointType.WEBHOOK, webhook("https://hooks.example.com/in"));
        ClaimedDelivery teams = delivery(EndpointType.TEAMS, new TeamsSettings("https://teams.example.com/in", null, null));
        ClaimedDelivery slack = delivery(EndpointType.SLACK,
                new SlackSettings("https://hooks.example.com/services/T1/B2/x", null, null));
        assertThat(sends.includes(webhook)).isTrue();
        assertThat(sends.includes(teams)).isTrue();
        assertThat(sends.includes(slack)).isTrue();

        receivers.resolve("hooks.example.com");

        assertThat(sends.includes(webhook)).isFalse();
        assertThat(sends.includes(slack)).isFalse();
        assertThat(sends.includes(teams)).isTrue();
    }

    @Test
    void aRequestToALiteralAddressNeverBlocks() {
        assertThat(sends.includes(delivery(EndpointType.WEBHOOK, webhook("http://203.0.113.9:8080/in")))).isFalse();
        assertThat(sends.includes(delivery(EndpointType.WEBHOOK, webhook("http://[2001:db8::1]/in")))).isFalse();
    }

    @Test
    void emailAndTrackersAlwaysMayBlockEvenToAResolvedName() throws Exception {
        receivers.resolve("hooks.example.com");

        assertThat(sends.includes(delivery(EndpointType.SMTP, null))).isTrue();
        assertThat(sends.includes(delivery(EndpointType.GITHUB, null))).isTrue();
    }

    @Test
    void aUrlThatDoesNotParseGoesToASendThreadWhereItsRouteTellsWhy() {
        assertThat(sends.includes(delivery(EndpointType.WEBHOOK, webhook("http://exa mple.com/")))).isTrue();
    }

    private static WebhookSettings webhook(String url) {
        return new WebhookSettings(url, null, null, null, null, null, null, null, null);
    }

    private static ClaimedDelivery delivery(EndpointType type, EndpointSettings settings) {
        EndpointConfiguration configuration = new EndpointConfiguration("c-1", "acme", type, "test", true, null, null,
                null, null, settings, ConfigurationStatus.UNKNOWN, true, NOW, NOW);
        return new ClaimedDelivery("d-1", 1, 0, type, true, configuration, null, NOW, NOW);
    }
}
