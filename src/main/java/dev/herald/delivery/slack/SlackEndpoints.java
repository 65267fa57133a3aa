package dev.herald.delivery.slack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.slack.SlackEndpoint;

/**
 * camel-slack endpoints, one per webhook URL. The URL holds Slack's token and camel-slack does not
 * mask its {@code webhookUrl} option, so it is never put into an endpoint URI (which shows in JMX
 * and in error logs): each endpoint is created here, given its URL by setter, and registered
 * under {@code slack:herald-<hash of the URL>}, which the deliver-slack route's toD then finds.
 */
public final class SlackEndpoints {

    private final CamelContext context;

    public SlackEndpoints(CamelContext context) {
        this.context = context;
    }

    /** The URI of the endpoint posting to {@code webhookUrl}, created on first use. */
    public synchronized String uriFor(String webhookUrl) {
        String uri = "slack:herald-" + hash(webhookUrl);
        if (context.hasEndpoint(uri) == null) {
            try {
                Endpoint created = context.getComponent("slack").createEndpoint(uri);
                SlackEndpoint endpoint = (SlackEndpoint) created;
                endpoint.setWebhookUrl(webhookUrl);
                // the "channel" of the URI is only a name here: incoming webhooks post where they were made for
                endpoint.setChannel(null);
                context.addEndpoint(uri, endpoint);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create a Slack endpoint", e);
            }
        }
        return uri;
    }

    private static String hash(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
