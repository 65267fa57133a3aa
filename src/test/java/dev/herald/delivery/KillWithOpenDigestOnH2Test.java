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
import dev.herald.support.LoopbackReceiver.Request;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
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
 * Herald killed (SIGKILL) with a digest under way, then started again on the same database: a
 * digest whose window was open at the kill goes out once, with every event; a digest held by a
 * receiver at the kill goes out again under the same digest id with the same events, never as a
 * new digest. The digest's events are the deliveries' rows, so nothing else needs recovering.
 */
class KillWithOpenDigestOnH2Test {

    private static final int EVENTS = 100;
    /** Short claims and timeouts: the killed Herald's claims expire within seconds. */
    private static final Map<String, String> QUICK = Map.of("HERALD_DISPATCH_CLAIM_TIMEOUT", "1");

    @TempDir
    Path h2Folder;

    @Test
    void aDigestWhoseWindowWasOpenAtTheKillGoesOutOnceWithEveryEvent() throws IOException {
        Path folder = Files.createDirectories(HeraldProcess.folderFor(getClass()).resolve("open"));
        TestDatabase database = TestDatabase.h2(h2Folder.resolve("open"));
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            Set<String> accepted = new HashSet<>();
            try (HeraldProcess first = HeraldProcess.start("herald-1", database, folder, QUICK)) {
                ApiClient api = first.api();
                configure(api, receiver, 10);
                accepted.addAll(post(api));
                await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100))
                        .until(() -> count(api, "pending") == EVENTS);
                first.kill();
            }
            assertThat(receiver.requestsTo("/digest")).as("the window was still open at the kill").isEmpty();

            try (HeraldProcess second = HeraldProcess.start("herald-2", database, folder, QUICK)) {
                ApiClient api = second.api();
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                        .until(() -> count(api, "delivered") == EVENTS);
                List<Request> sent = receiver.requestsTo("/digest");
                assertThat(sent).as("one digest").hasSize(1);
                assertThat(eventIds(sent.get(0))).as("every event, once").hasSize(EVENTS).isEqualTo(accepted);
                assertThat(digestIds(api)).containsExactly(sent.get(0).header("webhook-id"));
                assertThat(count(api, "pending")).isZero();
            }
        }
    }

    @Test
    void aDigestHeldByTheReceiverAtTheKillIsSentAgainUnderTheSameId() throws IOException {
        Path folder = Files.createDirectories(HeraldProcess.folderFor(getClass()).resolve("held"));
        TestDatabase database = TestDatabase.h2(h2Folder.resolve("held"));
        CountDownLatch answer = new CountDownLatch(1);
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            receiver.script("POST", "/digest", (request, path) -> {
                awaitQuietly(answer);
                return new Answer(200, null);
            });
            try (HeraldProcess first = HeraldProcess.start("herald-1", database, folder, QUICK)) {
                ApiClient api = first.api();
                configure(api, receiver, 1);
                post(api);
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requestsTo("/digest").size() == 1);
                first.kill();
            }
            answer.countDown();

            try (HeraldProcess second = HeraldProcess.start("herald-2", database, folder, QUICK)) {
                ApiClient api = second.api();
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                        .until(() -> count(api, "delivered") == EVENTS);
                List<Request> sent = receiver.requestsTo("/digest");
                assertThat(sent).as("the held digest, then the same digest again").hasSize(2);
                assertThat(sent.get(1).header("webhook-id")).isEqualTo(sent.get(0).header("webhook-id"));
                assertThat(eventIds(sent.get(1))).hasSize(EVENTS).isEqualTo(eventIds(sent.get(0)));
                assertThat(digestIds(api)).containsExactly(sent.get(0).header("webhook-id"));
            }
        }
    }

    private static void configure(ApiClient api, LoopbackReceiver receiver, int windowSeconds) {
        Scenario.createWebhook(api, Map.of("url", receiver.url("/digest"), "timeout_seconds", 3,
                "digest", Map.of("window_seconds", windowSeconds, "max_events", 1000)),
                List.of(selector("account", "*", "*", "*")));
    }

    private static List<String> post(ApiClient api) {
        List<Map<String, Object>> events = IntStream.range(0, EVENTS)
                .mapToObj(i -> event("user.image.analysis.completed", "info", "image_digest")).toList();
        ApiResponse stored = api.post("/v2/events", events);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        return elements(stored.json()).stream().map(event -> event.get("event_id").asText()).toList();
    }

    private static long count(ApiClient api, String state) {
        ApiResponse counts = api.get("/v2/notifications/delivery-counts");
        assertThat(counts.status()).as(counts.toString()).isEqualTo(200);
        return counts.json().get(state).asLong();
    }

    private static Set<String> eventIds(Request request) {
        Set<String> ids = new HashSet<>();
        request.json().get("events").forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    /** The digest ids the account's deliveries show (read through the API: the H2 file is the running Herald's). */
    private static Set<String> digestIds(ApiClient api) {
        ApiResponse page = api.get("/v2/notifications/deliveries?limit=" + EVENTS);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        for (JsonNode delivery : elements(page.json().get("results"))) {
            ids.add(delivery.path("digest_id").asText(null));
        }
        return ids;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
