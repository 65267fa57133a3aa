package dev.herald.delivery;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.Golden;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Json;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.SampleEvents;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration's own title_template and text_template, delivered to a loopback Slack and to
 * GreenMail and compared with golden files; templates checked when saved, event text that tries to
 * add template syntax or markup, and the preview of what Slack and a mail would get.
 */
class MessageTemplatesRouteTest {

    private static final String TITLE = "{{#policy}}[{{current_status}}] {{/policy}}{{type_label}} for {{resource_id}}";
    private static final String TEXT = "{{level_upper}} \"{{message}}\" in {{account}}{{#policy}}: now {{verdict}}{{/policy}}";
    private static final String POLICY = "user.checks.tag.policy_evaluation.update";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("herald@acme.example", "herald", "mail-secret"));

    @TempDir
    static Path folder;

    static LoopbackReceiver slack;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        slack = new LoopbackReceiver();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.delivery.max-attempts", "1"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        slack.close();
    }

    @Test
    void slackGetsTheConfigurationsTitleAndTextWithTheFieldsKept() {
        ApiClient acme = scenario.newAccount();
        String path = "/services/T000/BTPL/" + System.nanoTime();
        configure(acme, "slack", slack(path));

        String eventId = scenario.post(acme, SampleEvents.of(policyType()));
        scenario.awaitSettled(eventId);

        String deliveryId = scenario.deliveriesOf(acme, eventId).get(0).get("uuid").asText();
        assertThat(slack.requestsTo(path)).singleElement().satisfies(request -> Golden.assertJson(
                "message-templates/slack-policy.json", request.body(),
                Map.of(eventId, "event_id", deliveryId, "delivery_id", acme.account(), "account")));
    }

    @Test
    void aMailGetsTheConfigurationsSubjectAndTextInBothParts() throws Exception {
        ApiClient acme = scenario.newAccount();
        String to = "templated-" + System.nanoTime() + "@acme.example";
        configure(acme, "smtp", smtp(to));

        String eventId = scenario.post(acme, SampleEvents.of(policyType()));
        scenario.awaitSettled(eventId);

        MimeMessage received = await().atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo(to), list -> list.size() == 1).get(0);
        String deliveryId = scenario.deliveriesOf(acme, eventId).get(0).get("uuid").asText();
        Golden.assertText("message-templates/smtp-policy.txt", rendered(received),
                Map.of(eventId, "event_id", deliveryId, "delivery_id", acme.account(), "account"));
    }

    @Test
    void eventTextCannotAddTemplateSyntaxNorMarkup() throws Exception {
        ApiClient acme = scenario.newAccount();
        String path = "/services/T000/BHOSTILE/" + System.nanoTime();
        String to = "hostile-" + System.nanoTime() + "@acme.example";
        configure(acme, "slack", slack(path));
        configure(acme, "smtp", smtp(to));
        String hostile = "say \"hi\" {{account}} {{{type}}} {{=<% %>=}} <b>&</b> <!channel>";
        Map<String, Object> event = event("system.test.random_wisdom", "info", "system");
        event.put("message", hostile);

        scenario.awaitSettled(scenario.post(acme, event));

        JsonNode message = Json.parse(slack.requestsTo(path).get(0).body());
        assertThat(message.get("blocks").get(1).get("text").get("text").asText()).contains(
                " INFO \"say \"hi\" {{account}} {{{type}}} {{=&lt;% %&gt;=}} &lt;b&gt;&amp;&lt;/b&gt; &lt;!channel&gt;\" in "
                        + acme.account());
        MimeMessage received = await().atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo(to), list -> list.size() == 1).get(0);
        Multipart parts = (Multipart) received.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).startsWith("INFO \"" + hostile + "\" in " + acme.account());
        assertThat(parts.getBodyPart(1).getContent().toString()).contains("INFO &quot;say &quot;hi&quot; {{account}} "
                + "{{{type}}} {{=&lt;% %&gt;=}} &lt;b&gt;&amp;&lt;/b&gt; &lt;!channel&gt;&quot; in " + acme.account());
    }

    @Test
    void aTemplateWithASyntaxErrorIsRefusedNamingTheFieldAndLine() {
        ApiClient acme = scenario.newAccount();
        Map<String, Object> unclosed = slack("/x");
        unclosed.put("text_template", "first line\n{{#policy}}{{verdict}}");
        ApiResponse refused = acme.post("/v2/notifications/endpoints/slack/configurations", unclosed);
        assertBadRequest(refused, "text_template");
        assertThat(refused.body()).contains("line ");

        Map<String, Object> unescaped = smtp("x@acme.example");
        unescaped.put("title_template", "{{{message}}}");
        assertBadRequest(acme.post("/v2/notifications/endpoints/smtp/configurations", unescaped), "title_template",
                "line 1: {{{ is not allowed here: every value is written escaped, with {{name}}, and the delimiters stay {{ }}");
        assertThat(acme.get("/v2/notifications/endpoints/slack/configurations").json()).isEmpty();
        assertThat(acme.get("/v2/notifications/endpoints/smtp/configurations").json()).isEmpty();
    }

    @Test
    void aPreviewShowsWhatSlackAndAMailWouldGetWithoutSendingAnything() {
        ApiClient acme = scenario.newAccount();
        String path = "/services/T000/BPREVIEW/" + System.nanoTime();
        String to = "preview-" + System.nanoTime() + "@acme.example";
        String mailUuid = configure(acme, "smtp", smtp(to));

        ApiResponse slackPreview = acme.post("/v2/notifications/endpoints/slack/preview?event_type=" + POLICY, slack(path));
        ApiResponse mailPreview = acme.post("/v2/notifications/endpoints/smtp/configurations/" + mailUuid
                + "/preview?event_type=" + POLICY, Map.of());

        assertThat(slackPreview.status()).as(slackPreview.toString()).isEqualTo(200);
        assertThat(slackPreview.text("content_type")).isEqualTo("application/json");
        JsonNode blocks = Json.parse(slackPreview.text("body")).get("blocks");
        assertThat(blocks.get(0).get("text").get("text").asText())
                .isEqualTo("[fail] Checks tag policy evaluation update for docker.io/acme/api:1.4");
        assertThat(blocks.get(1).get("text").get("text").asText()).startsWith(":red_circle: INFO \"")
                .endsWith(" in " + acme.account() + ": now failed");
        assertThat(mailPreview.status()).as(mailPreview.toString()).isEqualTo(200);
        assertThat(mailPreview.text("subject"))
                .isEqualTo("[Herald] [fail] Checks tag policy evaluation update for docker.io/acme/api:1.4");
        assertThat(mailPreview.text("content_type")).isEqualTo("text/html");
        assertThat(mailPreview.text("body")).contains("INFO &quot;").contains("<th align=\"left\">Level</th>");
        assertThat(mailPreview.text("text_body")).startsWith("INFO \"").contains("Level:    info");
        assertThat(slack.requestsTo(path)).isEmpty();
        assertThat(mailsTo(to)).isEmpty();
    }

    @Test
    void aPreviewShowsTheTeamsCardAndTheNewIssuesWithTheConfigurationsTitle() {
        ApiClient acme = scenario.newAccount();
        Map<String, Map<String, Object>> configurations = Map.of(
                "teams", new LinkedHashMap<>(Map.of("url", slack.url("/preview-only/workflows"))),
                "github", new LinkedHashMap<>(Map.of("username", "bot", "access_token", "ghp_preview", "owner", "acme",
                        "repository", "api", "url", slack.url("/preview-only/github"))),
                "jira", new LinkedHashMap<>(Map.of("url", slack.url("/preview-only/jira"), "username", "bot", "password", "token",
                        "project_key", "SEC", "issue_type", "Bug")));
        configurations.forEach((type, configuration) -> {
            configuration.put("title_template", TITLE);
            configuration.put("text_template", TEXT);
            ApiResponse preview = acme.post("/v2/notifications/endpoints/" + type + "/preview?event_type=" + POLICY,
                    configuration);
            assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
            assertThat(preview.text("body")).as(type)
                    // Teams keeps "[fail]" from reading as a link with a zero-width space after it
                    .containsPattern("\\[fail\\]\\p{Cf}? Checks tag policy evaluation update for docker.io/acme/api:1.4")
                    .contains(" in " + acme.account());
            assertThat(preview.body()).as(type).doesNotContain("ghp_preview").doesNotContain("token\"");
        });
        assertThat(slack.requests()).noneMatch(request -> request.path().startsWith("/preview-only"));
    }

    private static SampleEvents.CatalogueType policyType() {
        return SampleEvents.catalogue().stream().filter(type -> type.type().equals(POLICY)).findFirst().orElseThrow();
    }

    private static Map<String, Object> slack(String path) {
        Map<String, Object> configuration = new LinkedHashMap<>(Map.of("url", slack.url(path)));
        configuration.put("title_template", TITLE);
        configuration.put("text_template", TEXT);
        return configuration;
    }

    private static Map<String, Object> smtp(String to) {
        Map<String, Object> configuration = new LinkedHashMap<>(Map.of("host", "127.0.0.1",
                "port", mail.getSmtp().getPort(), "from", "herald@acme.example", "to", to,
                "username", "herald", "password", "mail-secret", "use_tls", false));
        configuration.put("title_template", TITLE);
        configuration.put("text_template", TEXT);
        return configuration;
    }

    private static String configure(ApiClient account, String type, Map<String, Object> configuration) {
        ApiResponse created = account.post("/v2/notifications/endpoints/" + type + "/configurations", configuration);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.text("title_template")).isEqualTo(TITLE);
        String uuid = created.text("uuid");
        account.post("/v2/notifications/endpoints/" + type + "/configurations/" + uuid + "/selectors",
                selector("account", "*", "*", "*"));
        return uuid;
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(mail.getReceivedMessagesForDomain(address)).toList();
    }

    private static String rendered(MimeMessage received) throws Exception {
        Multipart alternative = (Multipart) received.getContent();
        return ("Subject: " + received.getSubject() + "\n\n" + alternative.getBodyPart(0).getContent()
                + "\n\n----- text/html -----\n" + alternative.getBodyPart(1).getContent() + "\n").replace("\r\n", "\n");
    }
}
