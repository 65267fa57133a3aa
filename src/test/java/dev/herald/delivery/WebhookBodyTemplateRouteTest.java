package dev.herald.delivery;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.Golden;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Json;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.SampleEvents;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import dev.herald.support.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A webhook's own body_template and headers, so Herald posts straight to PagerDuty Events v2 or
 * Discord: bodies compared with golden files, templates checked when saved, event text that tries to
 * leave its JSON string or add template syntax, and the preview of what would be sent.
 */
class WebhookBodyTemplateRouteTest {

    private static final String CONFIGURATIONS = "/v2/notifications/endpoints/webhook/configurations";

    @TempDir
    static Path folder;

    static LoopbackReceiver receiver;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        receiver = new LoopbackReceiver();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.delivery.max-attempts", "1"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.close();
    }

    @ParameterizedTest(name = "{0} for {1}")
    @CsvSource({
            "pagerduty, user.checks.tag.policy_evaluation.update",
            "pagerduty, user.checks.tag.vulnerabilities.update",
            "pagerduty, system.image_analysis.registry_lookup_failed",
            "discord, user.checks.tag.policy_evaluation.update",
            "discord, user.checks.tag.vulnerabilities.update"})
    void aBodyTemplateIsRenderedForTheEventAndSentWithTheStaticHeaders(String receiverKind, String eventType) {
        ApiClient acme = scenario.newAccount();
        String path = "/" + receiverKind + "-" + System.nanoTime();
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("url", receiver.url(path));
        configuration.put("body_template", template(receiverKind));
        configuration.put("headers", Map.of("X-Routing-Team", "platform-security"));
        scenario.webhook(acme, configuration, List.of(selector("account", "*", "*", "*")));

        String eventId = scenario.post(acme, SampleEvents.of(SampleEvents.catalogue().stream()
                .filter(type -> type.type().equals(eventType)).findFirst().orElseThrow()));
        scenario.awaitSettled(eventId);

        assertThat(receiver.requestsTo(path)).singleElement().satisfies(request -> {
            assertThat(request.header("Content-Type")).startsWith("application/json");
            assertThat(request.header("X-Routing-Team")).isEqualTo("platform-security");
            assertThat(request.header("webhook-id")).isNotNull();
            Golden.assertJson("webhook-templates/" + receiverKind + "/" + eventType + ".json", request.body(),
                    Map.of(eventId, "event_id", acme.account(), "account"));
        });
    }

    @Test
    void eventTextCannotLeaveItsJsonStringNorAddTemplateSyntax() {
        ApiClient acme = scenario.newAccount();
        String path = "/hostile-" + System.nanoTime();
        scenario.webhook(acme, Map.of("url", receiver.url(path),
                        "body_template", "{\"summary\": \"{{message}}\", \"resource\": \"{{resource_id}}\"}"),
                List.of(selector("account", "*", "*", "*")));
        String hostile = "a \"quoted\" \\ back\\slash\nnew line\t{{account}} {{{type}}} {{=<% %>=}} \"}, \"injected\": true, {\"";
        Map<String, Object> event = Scenario.event("system.test.random_wisdom", "info", "system");
        event.put("message", hostile);
        event.put("resource", Map.of("type", "system", "id", "{{> ../../application.properties}}"));

        String eventId = scenario.post(acme, event);
        scenario.awaitSettled(eventId);

        JsonNode body = receiver.requestsTo(path).get(0).json();
        assertThat(body.size()).as(body.toString()).isEqualTo(2);
        assertThat(body.get("summary").asText()).isEqualTo(hostile);
        assertThat(body.get("resource").asText()).isEqualTo("{{> ../../application.properties}}");
    }

    @Test
    void aTemplateThatRendersInvalidJsonIsRefusedWhenSavedWithThePosition() {
        ApiClient acme = scenario.newAccount();

        ApiResponse unquoted = acme.post(CONFIGURATIONS, Map.of("url", receiver.url("/x"),
                "body_template", "{\n  \"summary\": {{message}}\n}"));
        assertBadRequest(unquoted, "body_template");
        assertThat(unquoted.body()).contains("line 2, column").contains("renders no valid JSON for a ");

        ApiResponse unclosed = acme.post(CONFIGURATIONS, Map.of("url", receiver.url("/x"),
                "body_template", "{\"a\": \"{{#policy}}{{current_status}}\"}"));
        assertBadRequest(unclosed, "body_template");
        assertThat(unclosed.body()).contains("line 1");

        ApiResponse unescaped = acme.post(CONFIGURATIONS, Map.of("url", receiver.url("/x"),
                "body_template", "{\"a\": \"x\",\n\"b\": \"{{{message}}}\"}"));
        assertBadRequest(unescaped, "body_template", "line 2: {{{ is not allowed here: every value is written escaped, "
                + "with {{name}}, and the delimiters stay {{ }}");

        ApiResponse trailing = acme.post(CONFIGURATIONS, Map.of("url", receiver.url("/x"),
                "body_template", "{\"a\": 1} {\"b\": 2}"));
        assertBadRequest(trailing, "body_template");
        assertThat(acme.get(CONFIGURATIONS).json()).isEmpty();
    }

    /** A template the samples cannot fault (each has a digest) that an event without details still breaks. */
    @Test
    void aBodyThatAnEventStillRendersAsInvalidJsonMakesTheDeliveryDeadWithTheReason() {
        ApiClient acme = scenario.newAccount();
        String path = "/invalid-" + System.nanoTime();
        String template = "{\"a\": 1{{^note}}{{^policy}}{{^vulnerabilities}}{{^analysis}},{{/analysis}}"
                + "{{/vulnerabilities}}{{/policy}}{{/note}}}";
        scenario.webhook(acme, Map.of("url", receiver.url(path), "body_template", template),
                List.of(selector("account", "*", "*", "*")));
        Map<String, Object> event = Scenario.event("system.test.random_wisdom", "info", "system");
        event.put("details", Map.of());

        String eventId = scenario.post(acme, event);
        scenario.awaitSettled(eventId);

        assertThat(receiver.requestsTo(path)).isEmpty();
        assertThat(scenario.deliveriesOf(acme, eventId)).singleElement().satisfies(delivery -> {
            assertThat(delivery.get("state").asText()).isEqualTo("dead");
            assertThat(delivery.get("last_error").asText()).contains("body_template rendered no valid JSON for this event: "
                    + "line 1, column");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Authorization", "X-Api-Key", "X-Auth-Token", "Cookie", "webhook-signature", "Content-Type",
            "CamelHttpUri", "Bad Name"})
    void aHeaderThatIsACredentialOrHeraldsOwnIsRefused(String name) {
        ApiClient acme = scenario.newAccount();
        assertBadRequest(acme.post(CONFIGURATIONS, Map.of("url", receiver.url("/x"), "headers", Map.of(name, "v"))),
                "headers." + name);
        assertBadRequest(acme.post(CONFIGURATIONS, Map.of("url", receiver.url("/x"),
                "headers", Map.of("X-Ok", "line\r\nInjected: yes"))), "headers.X-Ok");
    }

    @Test
    void aPreviewRendersTheChosenEventTypeWithoutSendingAnything() {
        ApiClient acme = scenario.newAccount();
        String path = "/preview-" + System.nanoTime();
        Map<String, Object> configuration = Map.of("url", receiver.url(path), "body_template", template("discord"),
                "headers", Map.of("X-Routing-Team", "platform-security"));
        String uuid = scenario.webhook(acme, configuration, List.of());

        ApiResponse saved = acme.post(CONFIGURATIONS + "/" + uuid
                + "/preview?event_type=user.checks.tag.policy_evaluation.update", Map.of());
        ApiResponse unsaved = acme.post("/v2/notifications/endpoints/webhook/preview"
                + "?event_type=user.checks.tag.policy_evaluation.update", configuration);

        for (ApiResponse preview : List.of(saved, unsaved)) {
            assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
            assertThat(preview.text("event_type")).isEqualTo("user.checks.tag.policy_evaluation.update");
            assertThat(preview.json().get("headers").get("X-Routing-Team").asText()).isEqualTo("platform-security");
            JsonNode body = Json.parse(preview.text("body"));
            assertThat(body.get("embeds").get(0).get("fields").get(2).get("value").asText())
                    .isEqualTo("pass → fail (stop)");
        }
        assertThat(receiver.requestsTo(path)).isEmpty();
        ApiResponse flat = acme.post("/v2/notifications/endpoints/webhook/preview", Map.of("url", receiver.url(path)));
        assertThat(Json.parse(flat.text("body")).get("type").asText()).isEqualTo("user.checks.tag.vulnerabilities.update");
        assertBadRequest(acme.post(CONFIGURATIONS + "/" + uuid + "/preview?event_type=no.such.type", Map.of()), "event_type");
    }

    private static String template(String name) {
        try {
            return Files.readString(TestResources.folder("fixtures/body-templates").resolve(name + ".json.mustache"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
