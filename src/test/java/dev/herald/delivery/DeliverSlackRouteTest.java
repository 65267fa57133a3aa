package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.Golden;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.SampleEvents;
import dev.herald.support.SampleEvents.CatalogueType;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** deliver-slack through camel-slack's webhook mode, against a loopback receiver standing in for Slack. */
class DeliverSlackRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    static LoopbackReceiver slack;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        slack = new LoopbackReceiver();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.ui-url", "https://ui.example/events/{event_id}"));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        slack.close();
    }

    private String slackConfiguration(ApiClient account, String path) {
        ApiResponse created = account.post("/v2/notifications/endpoints/slack/configurations", Map.of("url", slack.url(path)));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        account.post("/v2/notifications/endpoints/slack/configurations/" + uuid + "/selectors", selector("account", "*", "*", "*"));
        return uuid;
    }

    @Test
    void aBlockKitMessageReachesTheWebhookWithTheEventAndALinkButton() throws Exception {
        ApiClient acme = scenario.newAccount();
        String path = "/services/T000/B000/" + System.nanoTime();
        slackConfiguration(acme, path);

        String eventId = scenario.post(acme, event("user.checks.tag.policy_evaluation.update", "info", "image_tag"));
        scenario.awaitSettled(eventId);

        assertThat(slack.requestsTo(path)).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            JsonNode message = JSON.readTree(request.body());
            assertThat(message.get("text").asText()).contains("test event user.checks.tag.policy_evaluation.update");
            List<String> blockTypes = JSON.convertValue(message.get("blocks").findValues("type").stream()
                    .map(JsonNode::asText).toList(), List.class);
            assertThat(message.get("blocks").get(0).get("type").asText()).isEqualTo("header");
            assertThat(message.get("blocks").get(0).get("text").get("text").asText())
                    .isEqualTo("Policy evaluation failed — docker.io/acme/api:1.4");
            assertThat(blockTypes).contains("section", "context", "actions", "button");
            assertThat(request.body()).contains("https://ui.example/events/" + eventId);
            assertThat(request.body()).contains("*Policy evaluation failed:* pass → *fail*").contains(":red_circle:");
            assertThat(message.has("channel")).as("no channel override").isFalse();
        });
        assertThat(scenario.deliveriesOf(acme, eventId)).singleElement()
                .satisfies(d -> assertThat(d.get("state").asText()).isEqualTo("delivered"));
        for (Endpoint endpoint : herald.context().getEndpoints()) {
            assertThat(endpoint.getEndpointUri()).as("no webhook URL in an endpoint URI").doesNotContain(path);
        }
    }

    static Stream<CatalogueType> catalogue() {
        return SampleEvents.catalogue().stream();
    }

    @ParameterizedTest
    @MethodSource("catalogue")
    void everyEventTypeBecomesTheGoldenBlockKitMessage(CatalogueType type) {
        ApiClient acme = scenario.newAccount();
        String path = "/services/T000/BGOLD/" + System.nanoTime();
        slackConfiguration(acme, path);

        String eventId = scenario.post(acme, SampleEvents.of(type));
        scenario.awaitSettled(eventId);

        String deliveryId = scenario.deliveriesOf(acme, eventId).get(0).get("uuid").asText();
        assertThat(slack.requestsTo(path)).singleElement().satisfies(request -> Golden.assertJson(
                "slack/" + type.type() + ".json", request.body(),
                Map.of(eventId, "event_id", deliveryId, "delivery_id", acme.account(), "account")));
    }

    @Test
    void aRefusedMessageFailsWithSlacksStatus() {
        ApiClient acme = scenario.newAccount();
        String path = "/services/T000/B404/" + System.nanoTime();
        slack.answer(path, 404);
        slackConfiguration(acme, path);

        String eventId = scenario.post(acme, event("system.feeds.sync.failed", "error", "feeds"));
        scenario.awaitSettled(eventId);

        assertThat(scenario.deliveriesOf(acme, eventId)).singleElement().satisfies(d -> {
            assertThat(d.get("state").asText()).isEqualTo("dead");
            assertThat(d.get("last_status_code").asInt()).isEqualTo(404);
        });
    }

    /** As for every HTTP channel: a certificate not trusted fails the delivery unless verify_tls is false. */
    @Test
    void tlsIsVerifiedUnlessTheConfigurationTurnsItOff() {
        try (LoopbackReceiver selfSigned = LoopbackReceiver.httpsWithSelfSignedCertificate(folder)) {
            ApiClient acme = scenario.newAccount();
            String verified = "/services/T000/BTLS/verified-" + System.nanoTime();
            String unverified = "/services/T000/BTLS/unverified-" + System.nanoTime();
            for (Map<String, Object> configuration : List.of(Map.<String, Object>of("url", selfSigned.url(verified)),
                    Map.<String, Object>of("url", selfSigned.url(unverified), "verify_tls", false))) {
                ApiResponse created = acme.post("/v2/notifications/endpoints/slack/configurations", configuration);
                assertThat(created.status()).as(created.toString()).isEqualTo(200);
                acme.post("/v2/notifications/endpoints/slack/configurations/" + created.text("uuid") + "/selectors",
                        selector("account", "*", "*", "*"));
            }

            String eventId = scenario.post(acme, event("system.feeds.sync.failed", "error", "feeds"));
            scenario.awaitSettled(eventId);

            assertThat(selfSigned.requestsTo(verified)).isEmpty();
            assertThat(selfSigned.requestsTo(unverified)).hasSize(1);
            assertThat(scenario.deliveriesOf(acme, eventId)).extracting(d -> d.get("state").asText())
                    .containsExactlyInAnyOrder("dead", "delivered");
            assertThat(scenario.deliveriesOf(acme, eventId)).filteredOn(d -> d.get("state").asText().equals("dead"))
                    .singleElement().satisfies(d -> assertThat(d.get("last_error").asText())
                            .containsAnyOf("SSL", "certification path", "PKIX"));
        }
    }

    @Test
    void theTestRoutesAnswerSuccessOn200AndFailureOn401() {
        ApiClient acme = scenario.newAccount();
        String good = "/services/T000/BGOOD/" + System.nanoTime();
        String refused = "/services/T000/B401/" + System.nanoTime();
        slack.answer(refused, 401);

        ApiResponse unsaved = acme.post("/v2/notifications/endpoints/slack/test", Map.of("url", slack.url(good)));
        assertThat(unsaved.status()).as(unsaved.toString()).isEqualTo(200);
        assertThat(unsaved.text("status")).isEqualTo("success");
        assertThat(slack.requestsTo(good)).singleElement()
                .satisfies(request -> assertThat(request.body()).contains("Unsolicited random wisdom of the moment"));

        String uuid = slackConfiguration(acme, refused);
        ApiResponse saved = acme.get("/v2/notifications/endpoints/slack/configurations/" + uuid + "/test");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.text("status")).isEqualTo("failure");
        assertThat(saved.text("response")).contains("401");
        assertThat(acme.get("/v2/notifications/endpoints/slack/configurations/" + uuid + "/status").text("status"))
                .isEqualTo("unhealthy");
    }
}
