package dev.herald.delivery.teams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Legacy Office 365 connector URLs get a MessageCard; every other URL is a Workflows webhook. */
class TeamsWebhookUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://acme.webhook.office.com/webhookb2/1c1b7f1e-0000@72f9/IncomingWebhook/abc/def",
            "https://ACME.Webhook.Office.com/webhookb2/x",
            "https://webhook.office.com/webhookb2/x",
            "https://outlook.office.com/webhook/1c1b7f1e@72f9/IncomingWebhook/abc/def",
            "https://outlook.office.com/webhookb2/x"})
    void connectorUrlsAreLegacy(String url) {
        assertThat(TeamsWebhookUrls.isLegacyConnector(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=x",
            "https://default0a1b.2c.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/abc/triggers/manual/paths/invoke",
            "https://outlook.office.com/mail",
            "https://evilwebhook.office.com/webhookb2/x",
            "https://webhook.office.com.evil.example/webhookb2/x",
            "http://127.0.0.1:8080/workflows/teams",
            "not a url at all"})
    void everythingElseIsAWorkflowsWebhook(String url) {
        assertThat(TeamsWebhookUrls.isLegacyConnector(url)).isFalse();
    }
}
