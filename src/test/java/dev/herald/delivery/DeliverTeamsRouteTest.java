package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.support.AdaptiveCardChecker;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.Golden;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.SampleEvents;
import dev.herald.support.SampleEvents.CatalogueType;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** deliver-teams through camel-http, against a loopback receiver standing in for a Teams Workflows webhook. */
class DeliverTeamsRouteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UI_URL = "https://ui.example/events/";

    @TempDir
    static Path folder;

    static LoopbackReceiver teams;
    static LoopbackReceiver selfSigned;
    static HeraldInstance herald;
    static Scenario scenario;
    /** One account and configuration that every catalogue type is sent to. */
    static ApiClient catalogueAccount;
    static String cataloguePath;

    @BeforeAll
    static void start() {
        teams = new LoopbackReceiver();
        selfSigned = LoopbackReceiver.httpsWithSelfSignedCertificate(folder);
        // one attempt per delivery: retries are DispatchDeliveriesRouteTest's
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of("herald.ui-url", UI_URL + "{event_id}",
                "herald.delivery.max-attempts", "1"));
        scenario = new Scenario(herald);
        catalogueAccount = scenario.newAccount();
        cataloguePath = "/workflows/catalogue-" + System.nanoTime() + "/triggers/manual/paths/invoke";
        teamsConfiguration(catalogueAccount, Map.of("url", teams.url(cataloguePath)));
    }

    @AfterAll
    static void stop() {
        herald.close();
        teams.close();
        selfSigned.close();
    }

    private static String teamsConfiguration(ApiClient account, Map<String, Object> configuration) {
        ApiResponse created = account.post("/v2/notifications/endpoints/teams/configurations", configuration);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        ApiResponse selected = account.post("/v2/notifications/endpoints/teams/configurations/" + uuid + "/selectors",
                selector("account", "*", "*", "*"));
        assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
        return uuid;
    }

    private static String workflowsPath(String name) {
        return "/workflows/" + name + "-" + System.nanoTime() + "/triggers/manual/paths/invoke";
    }

    /** The one request that carried the event, read as JSON. */
    private static Request requestOf(LoopbackReceiver receiver, String path, String eventId) {
        List<Request> requests = receiver.requestsTo(path).stream()
                .filter(request -> eventId.equals(request.header("X-Herald-Event-Id"))).toList();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static JsonNode cardOf(Request request) throws Exception {
        return JSON.readTree(request.body()).at("/attachments/0/content");
    }

    static List<CatalogueType> catalogue() {
        return SampleEvents.catalogue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void everyEventTypeIsAnAdaptiveCardAsInItsGoldenFile(CatalogueType type) throws Exception {
        String eventId = scenario.post(catalogueAccount, SampleEvents.of(type));
        scenario.awaitSettled(eventId);

        JsonNode delivery = scenario.deliveriesOf(catalogueAccount, eventId).get(0);
        assertThat(delivery.get("state").asText()).as(delivery.toString()).isEqualTo("delivered");
        Request request = requestOf(teams, cataloguePath, eventId);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.header("webhook-id")).isEqualTo(delivery.get("uuid").asText());

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(eventId, "event_id");
        tokens.put(delivery.get("uuid").asText(), "delivery_id");
        tokens.put(catalogueAccount.account(), "account");
        // made visible, so a reader of the golden file sees where a URL was defused
        tokens.put("\u200B", "zero-width space");
        Golden.assertJson("teams/" + type.type() + ".json", request.body(), tokens);

        JsonNode card = cardOf(request);
        AdaptiveCardChecker.assertValid(card);
        assertThat(card.at("/actions/0/type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(card.at("/actions/0/url").asText()).isEqualTo(UI_URL + eventId);
    }

    @Test
    void hostileEventTextBecomesNoLinkMarkupOrMention() throws Exception {
        ApiClient acme = scenario.newAccount();
        String path = workflowsPath("hostile");
        teamsConfiguration(acme, Map.of("url", teams.url(path)));
        String hostile = "[click](https://evil.example) **bold** <at>everyone</at>";
        Map<String, Object> event = new LinkedHashMap<>(event("user.image.analysis.failed", "error", "image_tag"));
        event.put("message", hostile);
        event.put("details", Map.of("msg", hostile));

        String eventId = scenario.post(acme, event);
        scenario.awaitSettled(eventId);

        JsonNode card = cardOf(requestOf(teams, path, eventId));
        AdaptiveCardChecker.assertValid(card);
        List<String> texts = new ArrayList<>(card.findValuesAsText("text"));
        texts.addAll(card.findValuesAsText("value"));
        assertThat(texts).anySatisfy(text -> assertThat(text.replace("\u200B", "")).isEqualTo(
                "[click](https://evil.example) ∗∗bold∗∗ <at>everyone</at>"));
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain("](", "**", "<at>", "</at>", "https://"));
        assertThat(card.has("msteams")).as("no mention entities").isFalse();
    }

    @Test
    void theTestRoutesAnswerSuccessOn200AndFailureOn401() {
        ApiClient acme = scenario.newAccount();
        String good = workflowsPath("good");
        String refused = workflowsPath("refused");
        teams.answer(refused, 401);

        ApiResponse unsaved = acme.post("/v2/notifications/endpoints/teams/test", Map.of("url", teams.url(good)));
        assertThat(unsaved.status()).as(unsaved.toString()).isEqualTo(200);
        assertThat(unsaved.text("status")).isEqualTo("success");
        assertThat(teams.requestsTo(good)).singleElement()
                .satisfies(request -> assertThat(request.body()).contains("Unsolicited random wisdom of the moment"));

        String uuid = teamsConfiguration(acme, Map.of("url", teams.url(refused)));
        ApiResponse saved = acme.get("/v2/notifications/endpoints/teams/configurations/" + uuid + "/test");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.text("status")).isEqualTo("failure");
        assertThat(saved.text("response")).contains("401");
        assertThat(acme.get("/v2/notifications/endpoints/teams/configurations/" + uuid + "/status").text("status"))
                .isEqualTo("unhealthy");
    }

    @Test
    void aServerErrorLeavesTheDeliveryDeadWithItsStatusOnceNoAttemptIsLeft() {
        ApiClient acme = scenario.newAccount();
        String path = workflowsPath("broken");
        teams.answer(path, 500);
        teamsConfiguration(acme, Map.of("url", teams.url(path)));

        String eventId = scenario.post(acme, event("system.feeds.sync.failed", "error", "feeds"));
        scenario.awaitSettled(eventId);

        assertThat(scenario.deliveriesOf(acme, eventId)).singleElement().satisfies(d -> {
            assertThat(d.get("state").asText()).isEqualTo("dead");
            assertThat(d.get("last_status_code").asInt()).isEqualTo(500);
            assertThat(d.get("last_error").asText()).startsWith("gave up after 1 attempt: HTTP 500");
            assertThat(d.get("last_error").asText()).doesNotContain(path);
        });
        for (Endpoint endpoint : herald.context().getEndpoints()) {
            assertThat(endpoint.getEndpointUri()).as("no webhook URL in an endpoint URI").doesNotContain("/workflows/");
        }
    }

    @Test
    void tlsIsVerifiedUnlessTheConfigurationTurnsItOff() {
        ApiClient acme = scenario.newAccount();
        String verified = workflowsPath("verified");
        String unverified = workflowsPath("unverified");
        teamsConfiguration(acme, Map.of("url", selfSigned.url(verified)));
        teamsConfiguration(acme, Map.of("url", selfSigned.url(unverified), "verify_tls", false));

        String eventId = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        scenario.awaitSettled(eventId);

        assertThat(selfSigned.requestsTo(verified)).isEmpty();
        assertThat(selfSigned.requestsTo(unverified)).hasSize(1);
        assertThat(scenario.deliveriesOf(acme, eventId)).extracting(d -> d.get("state").asText())
                .containsExactlyInAnyOrder("dead", "delivered");
    }
}
