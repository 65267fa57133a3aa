package dev.herald.delivery;

import static dev.herald.support.Json.body;
import static dev.herald.support.Scenario.selector;
import static dev.herald.support.ScanningEvents.policyEvaluation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.Golden;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.SampleEvents;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scanning alert's message through the real Herald (relay, dispatch, deliver-slack and
 * deliver-webhook on the real Main and YAML) to loopback receivers: a policy evaluation going from
 * pass to fail fires a "Scan Result Change Pass/Fail" alert, and what Slack and the webhook receive
 * names the alert, links to it and reads as a failure; the same event sent by a selector names no alert.
 */
class AlertMessageRouteTest {

    private static final String UI_URL = "https://herald.example.com";

    @TempDir
    static Path folder;

    static LoopbackReceiver receiver;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        receiver = new LoopbackReceiver();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.ui-url", UI_URL));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.close();
    }

    @Test
    void anAlertFiringOnPassToFailIsNamedAndLinkedInWhatSlackAndTheWebhookReceive() {
        ApiClient acme = scenario.newAccount();
        String slackPath = "/services/T000/BALERT/" + System.nanoTime();
        ApiResponse slack = acme.post("/v2/notifications/endpoints/slack/configurations", Map.of("url", receiver.url(slackPath)));
        assertThat(slack.status()).as(slack.toString()).isEqualTo(200);
        String webhookPath = "/alerted-" + System.nanoTime();
        String webhook = scenario.webhook(acme, receiver.url(webhookPath), List.of());
        String selectedPath = "/selected-" + System.nanoTime();
        scenario.webhook(acme, receiver.url(selectedPath), List.of(selector("account", "*", "*", "*")));
        String alertId = scenario.alert(acme, body("name", "Production images fail policy", "type", "repository",
                "repositories", List.of(Map.of("registry", "docker.io", "repository", "acme/api", "tag", "*")),
                "triggers", Map.of("policy_eval", true), "onlyPassFail", true,
                "notificationChannelIds", List.of(slack.text("uuid"), webhook)));

        Map<String, Object> event = policyEvaluation("docker.io", "acme/api", "1.4", "pass", "go", "fail", "stop");
        event.put("timestamp", SampleEvents.TIMESTAMP);
        String eventId = scenario.post(acme, event);
        scenario.awaitSettled(eventId);

        Map<String, String> deliveries = deliveriesByConfiguration(acme, eventId);
        Request toSlack = receiver.requestsTo(slackPath).get(0);
        Golden.assertJson("slack/delivered-alert-pass-to-fail.json", toSlack.body(), Map.of(eventId, "event_id",
                deliveries.get(slack.text("uuid")), "delivery_id", acme.account(), "account", alertId, "alert_id"));
        Request toWebhook = receiver.requestsTo(webhookPath).get(0);
        Golden.assertJson("webhook/delivered-alert-pass-to-fail.json", toWebhook.body(),
                Map.of(eventId, "event_id", acme.account(), "account", alertId, "alert_id"));

        assertThat(toSlack.body()).contains(":red_circle:", "Production images fail policy",
                UI_URL + "/console/#/alerts/edit/" + alertId);
        JsonNode selected = receiver.requestsTo(selectedPath).get(0).json();
        assertThat(selected.get("id").asText()).isEqualTo(eventId);
        assertThat(selected.has("alerts")).as("a delivery no alert chose names none").isFalse();
    }

    private static Map<String, String> deliveriesByConfiguration(ApiClient account, String eventId) {
        Map<String, String> byConfiguration = new HashMap<>();
        scenario.deliveriesOf(account, eventId).forEach(delivery ->
                byConfiguration.put(delivery.get("configuration_uuid").asText(), delivery.get("uuid").asText()));
        return byConfiguration;
    }
}
