package dev.herald.delivery.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import dev.herald.delivery.github.GithubIssues;
import dev.herald.delivery.http.HttpTarget;
import dev.herald.delivery.http.ReceiverTimeouts;
import dev.herald.delivery.issue.Finding;
import dev.herald.delivery.issue.IssueTracker;
import dev.herald.delivery.jira.JiraIssues;
import dev.herald.delivery.slack.SlackMessages;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.delivery.teams.TeamsCards;
import dev.herald.delivery.webhook.WebhookBodies;
import dev.herald.endpoint.ConfigurationStatus;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.endpoint.quiet.QuietHours;
import dev.herald.endpoint.settings.EndpointSettings;
import dev.herald.endpoint.settings.GithubSettings;
import dev.herald.endpoint.settings.JiraSettings;
import dev.herald.event.Event;
import dev.herald.event.EventJson;
import dev.herald.event.EventLevel;
import dev.herald.scanning.alert.FiredAlert;
import dev.herald.support.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The message every channel makes of four scenarios, compared byte for byte with the golden files
 * {@code golden/<channel>/<scenario>.<ext>}: a scanning alert firing (the alert named and linked), a
 * policy evaluation going from pass to fail (a failure) and back (resolved), and a package upgrade
 * that leaves a vulnerability in place (updated, not added and removed). Events, ids and times are
 * fixed, so nothing is normalised but the JSON's indentation. Rewrite the files after a deliberate
 * change with {@code -Dherald.golden.update=true}, then read the diff.
 */
class MessagesGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String UI_URL = "https://herald.example.com";
    private static final String DELIVERY_ID = "0b7e2a52-4c1d-4d8e-9f3a-6b5c4d3e2f10";
    private static final Instant TIME = Instant.parse("2026-11-21T09:08:54.749Z");
    private static final FiredAlert PRODUCTION_ALERT = new FiredAlert("7c0a4f1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b",
            "New images in production");

    /** One event as it was stored, and the alerts that sent it. */
    record Scenario(String name, Event event, List<FiredAlert> alerts) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("alert-firing", event("user.image.analysis.completed", "Image analysis completed", """
                        {"last_eval": {"imageDigest": "sha256:0f3c9d2e", "analysis_status": "not_analyzed"},
                         "curr_eval": {"imageDigest": "sha256:0f3c9d2e", "analysis_status": "analyzed"},
                         "subscription_type": "analysis_update",
                         "image": {"registry": "docker.io", "repository": "acme/api", "tag": "1.4", "digest": "sha256:0f3c9d2e"}}
                        """), List.of(PRODUCTION_ALERT)),
                new Scenario("policy-pass-to-fail", policy("pass", "go", "fail", "stop"), List.of()),
                new Scenario("policy-fail-to-pass", policy("fail", "stop", "pass", "go"), List.of()),
                new Scenario("package-upgrade", event("user.checks.tag.vulnerabilities.update",
                        "Vulnerability update detected for tagged image", """
                        {"diff_vulnerability_result": {
                           "added": [%s, %s],
                           "updated": [],
                           "removed": [%s, %s]},
                         "imageDigest": "sha256:0f3c9d2e", "subscription_type": "vuln_update",
                         "image": {"registry": "docker.io", "repository": "acme/api", "tag": "1.4", "digest": "sha256:0f3c9d2e"}}
                        """.formatted(
                        vulnerability("CVE-2026-1111", "Critical", "openssl", "3.0.2", "3.0.9"),
                        vulnerability("CVE-2026-2222", "High", "zlib", "1.2.11", "1.2.13"),
                        vulnerability("CVE-2026-1111", "Critical", "openssl", "3.0.1", "3.0.9"),
                        vulnerability("CVE-2025-4444", "Low", "busybox", "1.36.0", "1.36.1"))), List.of()));
    }

    private static Event policy(String lastStatus, String lastAction, String currentStatus, String currentAction) {
        return event("user.checks.tag.policy_evaluation.update", "Policy evaluation update detected for a tagged image", """
                {"last_eval": {"image_digest": "sha256:0f3c9d2e", "status": "%s", "final_action": "%s", "policy_id": "default"},
                 "curr_eval": {"image_digest": "sha256:0f3c9d2e", "status": "%s", "final_action": "%s", "policy_id": "default"},
                 "subscription_type": "policy_eval",
                 "image": {"registry": "docker.io", "repository": "acme/api", "tag": "1.4", "digest": "sha256:0f3c9d2e"}}
                """.formatted(lastStatus, lastAction, currentStatus, currentAction));
    }

    /** An entry of Anchore's vulnerability diff, as Herald's scan results write it. */
    private static String vulnerability(String id, String severity, String name, String version, String fix) {
        return """
                {"CVE_ID": "%1$s", "Severity": "%2$s", "Vulnerable_Package": "%3$s-%4$s", "Fix_Available": "%5$s",
                 "URL": "https://nvd.nist.gov/vuln/detail/%1$s", "Package_Name": "%3$s", "Package_Version": "%4$s",
                 "Package_Type": "APKG", "Feed": "vulnerabilities", "Feed_Group": "alpine:3.19"}
                """.formatted(id, severity, name, version, fix);
    }

    private static Event event(String type, String message, String details) {
        try {
            return new Event(1, "5d1c3e0e9f2a4b6c8d0e1f2a3b4c5d6e", type, EventLevel.INFO, message, JSON.readTree(details),
                    TIME, new Event.Resource("acme", "image_tag", "docker.io/acme/api:1.4"),
                    new Event.Source("herald-scan-results", "ci-7", null, null), TIME);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private final Templates templates = new Templates(null);
    private final HttpTarget target = new HttpTarget(new ReceiverTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)));

    private static NotificationFactory notifications(Scenario scenario) {
        return new NotificationFactory(UI_URL, delivery -> delivery.equals(DELIVERY_ID) ? scenario.alerts() : List.of());
    }

    private static ClaimedDelivery delivery(Scenario scenario, EndpointType type, EndpointSettings settings) {
        EndpointConfiguration configuration = new EndpointConfiguration("c0ffee00-0000-4000-8000-000000000001", "acme", type,
                "", true, null, null, QuietHours.NONE, null, settings, ConfigurationStatus.HEALTHY, true, TIME, TIME);
        return new ClaimedDelivery(DELIVERY_ID, 1, 0, type, true, configuration, scenario.event(), TIME, TIME);
    }

    private static Notification notification(Scenario scenario) {
        return notifications(scenario).of(delivery(scenario, EndpointType.SLACK, null));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void slack(Scenario scenario) throws IOException {
        // what camel-slack posts: the Message written by Gson
        String posted = new Gson().toJson(new SlackMessages(null, templates, null).message(notification(scenario)));
        assertGoldenJson("slack/" + scenario + ".json", posted);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void teams(Scenario scenario) throws IOException {
        TeamsCards cards = new TeamsCards(null, templates, target);
        assertGoldenJson("teams/" + scenario + ".json", cards.payload(notification(scenario),
                "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke").toString());
        assertGoldenJson("teams-legacy/" + scenario + ".json", cards.payload(notification(scenario),
                "https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/ghi/jkl").toString());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void email(Scenario scenario) {
        Notification notification = notification(scenario);
        Golden.assertText("smtp/" + scenario + ".txt", "Subject: " + templates.render("smtp/subject.txt", notification)
                + "\n\n" + templates.render("smtp/body.txt", notification) + "\n", Map.of());
        Golden.assertText("smtp/" + scenario + ".html", templates.render("smtp/body.html", notification) + "\n", Map.of());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void github(Scenario scenario) throws IOException {
        assertGoldenIssue("github/" + scenario + ".json", scenario, new GithubIssues(templates, JSON), EndpointType.GITHUB,
                new GithubSettings(null, "herald-bot", "ghp_token", "acme", "api", null, List.of("security"), null, null, null), "42");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void jira(Scenario scenario) throws IOException {
        assertGoldenIssue("jira/" + scenario + ".json", scenario, new JiraIssues(templates, JSON), EndpointType.JIRA,
                new JiraSettings("https://acme.atlassian.net", "herald@acme.io", "token", "SEC", "Bug", null, null,
                        List.of("security"), null, null), "SEC-42");
    }

    /** The issue a tracker opens for the scenario's finding, and the comment a repeat adds to it. */
    private static void assertGoldenIssue(String file, Scenario scenario, IssueTracker tracker, EndpointType type,
            EndpointSettings settings, String issue) throws IOException {
        ClaimedDelivery delivery = delivery(scenario, type, settings);
        Notification notification = notifications(scenario).of(delivery);
        ObjectNode requests = JSON.createObjectNode();
        requests.set("issue", tracker.open(delivery.configuration(), Finding.of(scenario.event()), notification).body());
        requests.set("repeat_comment", tracker.comment(delivery.configuration(), issue, notification).body());
        assertGoldenJson(file, requests.toString());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void webhook(Scenario scenario) throws IOException {
        ClaimedDelivery delivery = delivery(scenario, EndpointType.WEBHOOK, null);
        // the built-in body (no body_template): the catalogue and clock are read only for templates
        WebhookBodies bodies = new WebhookBodies(new EventJson(JSON), notifications(scenario), new ConfigurationTemplates(),
                null, JSON, null);
        assertGoldenJson("webhook/" + scenario + ".json", new String(bodies.flat(delivery), StandardCharsets.UTF_8));
    }

    /** JSON indented the same way every run (its content and field order as sent), then compared as text. */
    private static void assertGoldenJson(String file, String json) throws IOException {
        JsonNode tree = JSON.readTree(json);
        Golden.assertText(file, PRETTY.writeValueAsString(tree) + "\n", Map.of());
    }
}
