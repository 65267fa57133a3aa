package dev.herald.delivery;

import static dev.herald.support.Json.elements;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldProcess;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Answer;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Herald killed (SIGKILL) while a receiver holds its attempts unanswered: the next Herald on the
 * database takes the claims over once they expire and sends those deliveries again, under the same
 * delivery ids; nothing is lost, and no delivery is made twice under two ids.
 */
class KillWhileReceiverHangsOnH2Test {

    private static final int EVENTS = 6;

    @TempDir
    Path h2Folder;

    @Test
    void attemptsHeldAtTheKillAreSentAgainUnderTheirOwnIdsByTheNextHerald() throws Exception {
        Path folder = HeraldProcess.folderFor(getClass());
        TestDatabase database = TestDatabase.h2(h2Folder);
        CountDownLatch answer = new CountDownLatch(1);
        // a short margin and a short timeout: the claims of the killed Herald expire within seconds
        Map<String, String> quick = Map.of("HERALD_DISPATCH_CLAIM_TIMEOUT", "1");
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            receiver.script("POST", "/hook", (request, path) -> {
                awaitQuietly(answer);
                return new Answer(200, null);
            });
            try (HeraldProcess first = HeraldProcess.start("herald-1", database, folder, quick)) {
                ApiClient api = first.api();
                Scenario.createWebhook(api, Map.of("url", receiver.url("/hook"), "timeout_seconds", 3),
                        List.of(selector("account", "*", "*", "*")));
                List<Map<String, Object>> events = IntStream.range(0, EVENTS)
                        .mapToObj(i -> event("user.image.analysis.completed", "info", "image_digest")).toList();
                assertThat(api.post("/v2/events", events).status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requestsTo("/hook").size() == EVENTS);
                first.kill();
            }
            Set<String> heldAtTheKill = webhookIds(receiver);
            answer.countDown();

            try (HeraldProcess second = HeraldProcess.start("herald-2", database, folder, quick)) {
                // read through its API: the H2 file is the running Herald's alone
                ApiClient api = second.api();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> states(api).equals(Set.of("delivered")));
                Set<String> deliveries = new HashSet<>();
                deliveries(api).forEach(delivery -> deliveries.add(delivery.get("uuid").asText()));
                assertThat(deliveries).as("one delivery per event").hasSize(EVENTS).isEqualTo(heldAtTheKill);
                assertThat(webhookIds(receiver)).as("sent again under the same ids, no new one").isEqualTo(deliveries);
                assertThat(receiver.requestsTo("/hook")).hasSize(2 * EVENTS);
            }
        }
    }

    private static Set<String> webhookIds(LoopbackReceiver receiver) {
        Set<String> ids = new HashSet<>();
        receiver.requestsTo("/hook").forEach(request -> ids.add(request.header("webhook-id")));
        return ids;
    }

    private static List<JsonNode> deliveries(ApiClient api) {
        ApiResponse page = api.get("/v2/notifications/deliveries?limit=100");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return elements(page.json().get("results"));
    }

    private static Set<String> states(ApiClient api) {
        Set<String> states = new HashSet<>();
        deliveries(api).forEach(delivery -> states.add(delivery.get("state").asText()));
        return states;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
