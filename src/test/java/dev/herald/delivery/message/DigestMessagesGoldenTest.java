package dev.herald.delivery.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.gson.Gson;
import dev.herald.delivery.http.HttpTarget;
import dev.herald.delivery.http.ReceiverTimeouts;
import dev.herald.delivery.slack.SlackMessages;
import dev.herald.delivery.smtp.MailMessages;
import dev.herald.delivery.smtp.MailMessages.Mail;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.delivery.table.DigestEvent;
import dev.herald.delivery.teams.TeamsCards;
import dev.herald.delivery.webhook.WebhookBodies;
import dev.herald.endpoint.ConfigurationStatus;
import dev.herald.endpoint.Digest;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.endpoint.quiet.QuietHours;
import dev.herald.endpoint.settings.EndpointSettings;
import dev.herald.endpoint.settings.WebhookSettings;
import dev.herald.event.Event;
import dev.herald.event.EventJson;
import dev.herald.event.EventLevel;
import dev.herald.event.EventTypeCatalogue;
import dev.herald.support.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The message each channel makes of one digest, compared byte for byte with the golden files
 * {@code golden/digest/<channel>.<ext>}: sixteen events of four types (two errors, two
 * vulnerability updates, the most severe Critical, twelve analyses), so the groups come errors
 * first, then by severity, and the longest is cut with "and … more" where a channel lists fewer.
 * Rewrite the files after a deliberate change with {@code -Dherald.golden.update=true}.
 */
class DigestMessagesGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String DIGEST_ID = "d16e5700-0000-4000-8000-000000000001";
    private static final Instant TIME = Instant.parse("2026-11-21T09:08:54.749Z");

    private final Templates templates = new Templates(null);
    private final NotificationFactory notifications = new NotificationFactory(null, delivery -> List.of());

    @Test
    void slack() throws IOException {
        SlackMessages slack = new SlackMessages(notifications, templates, null);
        String posted = new Gson().toJson(slack.message(new DigestNotifications(notifications, templates).of(digest(null), 10)));
        assertGoldenJson("digest/slack.json", posted);
    }

    @Test
    void teams() throws IOException {
        TeamsCards cards = new TeamsCards(notifications, templates,
                new HttpTarget(new ReceiverTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))));
        assertGoldenJson("digest/teams.json", cards.payload(new DigestNotifications(notifications, templates).of(digest(null), 5),
                "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke").toString());
    }

    @Test
    void email() {
        Mail mail = new MailMessages(notifications, templates, null, null)
                .mail(new DigestNotifications(notifications, templates).of(digest(null), 50));
        Golden.assertText("digest/smtp.txt", "Subject: " + mail.subject() + "\n\n" + mail.text() + "\n", Map.of());
        Golden.assertText("digest/smtp.html", mail.html() + "\n", Map.of());
    }

    @Test
    void webhook() throws IOException {
        WebhookSettings plain = webhookSettings(null);
        assertGoldenJson("digest/webhook.json", new String(bodies().body(digest(plain), plain), StandardCharsets.UTF_8));
    }

    @Test
    void webhookWithABodyTemplate() throws IOException {
        WebhookSettings templated = webhookSettings("""
                {"digest": "{{digest_id}}", "count": {{count}},
                 "events": [{{#events}}{"id": "{{event_id}}", "type": "{{type}}", "level": "{{level}}"}{{comma}}{{/events}}]}
                """);
        assertGoldenJson("digest/webhook-template.json",
                new String(bodies().body(digest(templated), templated), StandardCharsets.UTF_8));
    }

    private WebhookBodies bodies() {
        return new WebhookBodies(new EventJson(JSON), notifications, new ConfigurationTemplates(),
                EventTypeCatalogue.load(JSON), JSON, Clock.fixed(TIME, ZoneOffset.UTC));
    }

    private static WebhookSettings webhookSettings(String bodyTemplate) {
        return new WebhookSettings("https://hooks.example.com/herald", null, null, null, null, bodyTemplate, null, null, null);
    }

    /** The digest: events in the order they were stored, ids and times fixed. */
    private static ClaimedDelivery digest(EndpointSettings settings) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(event(events.size(), "user.image.analysis.completed", EventLevel.INFO, "Image analysis completed",
                    "{\"curr_eval\": {\"analysis_status\": \"analyzed\"}, \"last_eval\": {\"analysis_status\": \"not_analyzed\"}}",
                    "docker.io/acme/app-" + i + ":1.0"));
            if (i == 3 || i == 8) {
                events.add(event(events.size(), "user.checks.tag.vulnerabilities.update", EventLevel.INFO,
                        "Vulnerability update detected for tagged image", vulnerabilities(i == 3 ? "High" : "Critical"),
                        "docker.io/acme/api-" + i + ":2.0"));
            }
            if (i == 5 || i == 10) {
                events.add(event(events.size(), "system.analysis_archive.rule.failed", EventLevel.ERROR,
                        "Archive rule failed to run", "{}", "archive-rule-" + i));
            }
        }
        EndpointConfiguration configuration = new EndpointConfiguration("c0ffee00-0000-4000-8000-000000000002", "acme",
                settings == null ? EndpointType.SLACK : EndpointType.WEBHOOK, "", true, null, null, QuietHours.NONE,
                new Digest(300, 500), settings, ConfigurationStatus.HEALTHY, true, TIME, TIME);
        List<DigestEvent> carried = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            carried.add(new DigestEvent("00000000-0000-4000-8000-%012d".formatted(i), 1, events.get(i)));
        }
        return new ClaimedDelivery(DIGEST_ID, 1, 0, configuration.type(), true, configuration, events.get(0), TIME, TIME,
                carried);
    }

    private static String vulnerabilities(String severity) {
        return """
                {"diff_vulnerability_result": {"added": [{"CVE_ID": "CVE-2026-1111", "Severity": "%s",
                   "Vulnerable_Package": "openssl-3.0.2", "Fix_Available": "3.0.9", "Package_Name": "openssl",
                   "Package_Version": "3.0.2", "URL": "https://nvd.nist.gov/vuln/detail/CVE-2026-1111"}],
                  "updated": [], "removed": []}, "subscription_type": "vuln_update"}
                """.formatted(severity);
    }

    private static Event event(int n, String type, EventLevel level, String message, String details, String resource) {
        try {
            return new Event(n + 1, "%032d".formatted(n + 1), type, level, message, JSON.readTree(details),
                    TIME.plusSeconds(n), new Event.Resource("acme", "image_tag", resource),
                    new Event.Source("herald-scan-results", "ci-7", null, null), TIME.plusSeconds(n));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** JSON indented the same way every run (its content and field order as sent), then compared as text. */
    private static void assertGoldenJson(String file, String json) throws IOException {
        JsonNode tree = JSON.readTree(json);
        Golden.assertText(file, PRETTY.writeValueAsString(tree) + "\n", Map.of());
    }
}
