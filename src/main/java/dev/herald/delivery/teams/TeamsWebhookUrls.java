package dev.herald.delivery.teams;

import java.net.URI;
import java.util.Locale;

/**
 * Tells the two kinds of Teams webhook apart by URL. Legacy Office 365 connectors (which Microsoft
 * is retiring in favour of Workflows) take only a MessageCard; they live on
 * {@code <tenant>.webhook.office.com} or, older, {@code outlook.office.com/webhook/…}. Every other
 * URL is taken for a Workflows webhook (Power Automate, Logic Apps), which wants an Adaptive Card
 * in a message attachment.
 */
final class TeamsWebhookUrls {

    private TeamsWebhookUrls() {
    }

    static boolean isLegacyConnector(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().toLowerCase(Locale.ROOT);
        return host.equals("webhook.office.com") || host.endsWith(".webhook.office.com")
                || host.equals("outlook.office.com") && path.startsWith("/webhook");
    }
}
