package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.support.AdjustableClock;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Json;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configurations Herald switches off: one whose receiver answered 410 Gone at once, one whose every
 * attempt failed for herald.delivery.disable-after (a minute here, passed on a clock moved forward).
 * Each time the account's admin webhook, whose selector asks for the notice, receives it; a PUT
 * with enabled true switches the configuration back on and deliveries resume.
 */
class FailingConfigurationRouteTest {

    private static final String CONFIGURATIONS = "/v2/notifications/endpoints/webhook/configurations";
    private static final String NOTICE = "system.notifications.configuration.disabled";

    @TempDir
    static Path folder;

    static LoopbackReceiver receiver;
    static AdjustableClock clock;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        receiver = new LoopbackReceiver();
        clock = new AdjustableClock();
        herald = HeraldInstance.start(TestDatabase.h2(folder.resolve("db")), Map.of(
                "herald.delivery.disable-after", "60", "herald.delivery.backoff-base", "0.05",
                "herald.delivery.backoff-cap", "0.1", "herald.delivery.max-attempts", "1000"), clock);
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.close();
    }

    @Test
    void a410DisablesAtOnceWithANoticeAndAPutSwitchesItBackOn() {
        ApiClient acme = scenario.newAccount();
        String gonePath = "/gone-" + System.nanoTime();
        String adminPath = admin(acme);
        receiver.answer(gonePath, 410);
        String gone = scenario.webhook(acme, receiver.url(gonePath), List.of(selector("account", "*", "user.*", "*")));

        String first = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
        JsonNode dead = scenario.awaitDelivery(acme, first, "dead");
        assertThat(dead.get("last_status_code").asInt()).isEqualTo(410);
        assertThat(acme.get(CONFIGURATIONS + "/" + gone).json().get("enabled").asBoolean()).isFalse();
        JsonNode notice = awaitNotice(adminPath, gone);
        assertThat(notice.at("/details/reason").asText()).isEqualTo("the receiver answered 410 Gone");
        assertThat(notice.at("/level").asText()).isEqualTo("error");

        // disabled: the relay makes no delivery for it
        String second = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
        scenario.awaitSettled(second);
        assertThat(scenario.deliveriesOf(acme, second)).isEmpty();

        receiver.answer(gonePath, 200);
        ApiResponse enabled = acme.put(CONFIGURATIONS + "/" + gone, Map.of("url", receiver.url(gonePath), "enabled", true));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        String third = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
        scenario.awaitDelivery(acme, third, "delivered");
    }

    @Test
    void everyAttemptFailingForDisableAfterDisablesItAndEndsItsPendingDeliveriesDead() {
        ApiClient acme = scenario.newAccount();
        String failingPath = "/failing-" + System.nanoTime();
        String adminPath = admin(acme);
        receiver.answer(failingPath, 503);
        String failing = scenario.webhook(acme, receiver.url(failingPath), List.of(selector("account", "*", "user.*", "*")));

        String eventId = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requestsTo(failingPath).size() >= 2);
        assertThat(acme.get(CONFIGURATIONS + "/" + failing).json().get("enabled").asBoolean())
                .as("failing for less than herald.delivery.disable-after").isTrue();

        clock.advance(Duration.ofSeconds(61));
        JsonNode dead = scenario.awaitDelivery(acme, eventId, "dead");
        assertThat(dead.get("last_error").asText()).startsWith("configuration disabled: every attempt failed for 60 seconds");
        assertThat(acme.get(CONFIGURATIONS + "/" + failing).json().get("enabled").asBoolean()).isFalse();
        // ended by the disabling, not by an attempt: counted all the same (the notice to the admin is the account's too)
        assertThat(acme.get("/v2/notifications/delivery-counts").json().get("dead").asInt()).isEqualTo(1);
        JsonNode notice = awaitNotice(adminPath, failing);
        assertThat(notice.at("/details/endpoint_type").asText()).isEqualTo("webhook");
        int sent = receiver.requestsTo(failingPath).size();

        // switched back on, it starts a new streak: the next failure does not disable it again
        ApiResponse enabled = acme.put(CONFIGURATIONS + "/" + failing, Map.of("url", receiver.url(failingPath), "enabled", true));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        receiver.answer(failingPath, 200);
        String next = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
        scenario.awaitDelivery(acme, next, "delivered");
        assertThat(receiver.requestsTo(failingPath)).hasSizeGreaterThan(sent);
    }

    @Test
    void aUserSwitchesAConfigurationOffAndItsDeliveriesEndDeadUnsent() {
        ApiClient acme = scenario.newAccount();
        String path = "/switched-" + System.nanoTime();
        String uuid = scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "user.*", "*")));

        ApiResponse off = acme.put(CONFIGURATIONS + "/" + uuid, Map.of("url", receiver.url(path), "enabled", false));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        // a PUT that leaves enabled out keeps it as it is
        ApiResponse edited = acme.put(CONFIGURATIONS + "/" + uuid, Map.of("url", receiver.url(path), "description", "x"));
        assertThat(edited.json().get("enabled").asBoolean()).isFalse();
        ApiResponse wrong = acme.put(CONFIGURATIONS + "/" + uuid, Map.of("url", receiver.url(path), "enabled", "no"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.toString()).contains("enabled");

        String eventId = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
        scenario.awaitSettled(eventId);
        assertThat(scenario.deliveriesOf(acme, eventId)).isEmpty();
        assertThat(receiver.requestsTo(path)).isEmpty();
    }

    @Test
    void aRetryOfAConfigurationAUserSwitchedOffEndsDeadUnsent() {
        ApiClient acme = scenario.newAccount();
        String path = "/retried-" + System.nanoTime();
        receiver.answer(path, 503);
        String uuid = scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "user.*", "*")));
        String eventId = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.requestsTo(path).isEmpty());

        ApiResponse off = acme.put(CONFIGURATIONS + "/" + uuid, Map.of("url", receiver.url(path), "enabled", false));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        JsonNode dead = scenario.awaitDelivery(acme, eventId, "dead");
        assertThat(dead.get("last_error").asText()).isEqualTo("configuration disabled: enabled is false");
        assertThat(acme.get("/v2/notifications/delivery-counts").json())
                .isEqualTo(Json.tree(Map.of("pending", 0, "delivered", 0, "dead", 1, "suppressed", 0)));
    }

    @Test
    void theConsoleSwitchPutsTheConfigurationAsReadWithEnabledFlippedAndKeepsItsSecret() {
        ApiClient acme = scenario.newAccount();
        String path = "/console-" + System.nanoTime();
        String uuid = scenario.webhook(acme, Map.of("url", receiver.url(path), "signing_secret", "generate"), List.of());
        ObjectNode read = (ObjectNode) acme.get(CONFIGURATIONS + "/" + uuid).json();
        read.put("enabled", false);

        ApiResponse off = acme.put(CONFIGURATIONS + "/" + uuid, read);
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().get("enabled").asBoolean()).isFalse();
        read.put("enabled", true);
        assertThat(acme.put(CONFIGURATIONS + "/" + uuid, read).json().get("enabled").asBoolean()).isTrue();
        // the masked secret sent back was kept: the test delivery is still signed
        assertThat(acme.get(CONFIGURATIONS + "/" + uuid + "/test").text("status")).isEqualTo("success");
        assertThat(receiver.requestsTo(path).get(0).header("webhook-signature")).startsWith("v1,");
    }

    /** The account admin's webhook, whose selector asks for the disabled-configuration notice; its path. */
    private static String admin(ApiClient acme) {
        String path = "/admin-" + System.nanoTime();
        scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", NOTICE, "*")));
        return path;
    }

    private static JsonNode awaitNotice(String adminPath, String configuration) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requestsTo(adminPath).stream()
                .map(Request::json)
                .filter(body -> body.at("/type").asText().equals(NOTICE))
                .filter(body -> body.at("/details/configuration_uuid").asText().equals(configuration))
                .findFirst().orElse(null), java.util.Objects::nonNull);
    }
}
