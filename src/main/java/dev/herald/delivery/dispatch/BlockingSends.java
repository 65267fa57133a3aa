package dev.herald.delivery.dispatch;

import dev.herald.delivery.http.ReceiverAddresses;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.endpoint.EndpointConfiguration;
import java.net.URI;

/**
 * Which sends may block the thread they run on, for the deliver route's hop to a send thread
 * ({@code blockingSendThreads}): an email blocks it until the call ends, a GitHub or Jira
 * conversation until the one before it on the same finding ends, an HTTP request until its
 * receiver's name is resolved (a DNS server that does not answer). A webhook, Teams or Slack request
 * to a receiver resolved lately ({@link ReceiverAddresses#resolvesAtOnce}) blocks nothing: it is handed
 * to Vert.x, which awaits the answer holding no thread, so it is made on the dispatch thread at
 * hand, sparing the hop (measured: about a quarter of Herald's CPU per delivered notification).
 */
public final class BlockingSends {

    private final ReceiverAddresses receivers;

    public BlockingSends(ReceiverAddresses receivers) {
        this.receivers = receivers;
    }

    public boolean includes(ClaimedDelivery delivery) {
        EndpointConfiguration configuration = delivery.configuration();
        return switch (configuration.type()) {
            case WEBHOOK, TEAMS, SLACK -> configuration.settings().targetUrl().map(this::mayWaitForName).orElse(true);
            default -> true;
        };
    }

    private boolean mayWaitForName(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null || !receivers.resolvesAtOnce(host);
        } catch (IllegalArgumentException notAUrl) {
            // its deliver route tells why, as its outcome
            return true;
        }
    }
}
