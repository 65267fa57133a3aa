package dev.herald.api;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.DatabaseApiTestBase;
import dev.herald.support.Json;
import dev.herald.support.LoopbackReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v2/notifications/delivery-counts} follows every change of a delivery's state, as Herald
 * (its own writes, once per write) and the database (replays and deletes, by trigger) keep the counts,
 * migrations V12 and V19: created pending, delivered, dead, replayed, and deleted with its configuration.
 */
abstract class DeliveryCountsScenarios extends DatabaseApiTestBase {

    private static LoopbackReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = new LoopbackReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void theCountsFollowEachDeliveryFromCreationToReplayAndDeletion() {
        ApiClient api = scenario.newAccount();
        receiver.answer("/counted", 400);
        String configuration = scenario.webhook(api, receiver.url("/counted"), List.of(selector("account", "*", "*", "*")));
        List<String> events = scenario.postAll(api, List.of(event("user.image.analysis.completed", "info", "image_digest"),
                event("user.image.analysis.failed", "error", "image_digest")));
        events.forEach(id -> scenario.awaitDelivery(api, id, "dead"));
        assertCounts(api, 0, 0, 2);

        receiver.answer("/counted", 200);
        assertThat(api.post("/v2/notifications/deliveries/retry?state=dead", Map.of()).status()).isEqualTo(200);
        events.forEach(id -> scenario.awaitDelivery(api, id, "delivered"));
        assertCounts(api, 0, 2, 0);
        assertCounts(scenario.newAccount(), 0, 0, 0);

        assertThat(api.delete("/v2/notifications/endpoints/webhook/configurations/" + configuration).status()).isEqualTo(200);
        assertCounts(api, 0, 0, 0);
    }

    private static void assertCounts(ApiClient api, int pending, int delivered, int dead) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/v2/notifications/delivery-counts").json())
                .isEqualTo(Json.tree(Map.of("pending", pending, "delivered", delivered, "dead", dead, "suppressed", 0))));
    }
}
