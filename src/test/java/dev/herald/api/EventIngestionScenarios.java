package dev.herald.api;

import static dev.herald.support.Json.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.DatabaseApiTestBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/events} answers events built from what it bound and the keys the database
 * generated, not read back: on each database the answer must be exactly what a later read gives,
 * also for times finer than the columns' microseconds, repeated producer ids and text the
 * database might store differently.
 */
abstract class EventIngestionScenarios extends DatabaseApiTestBase {

    @Test
    void aPostedListIsAnsweredExactlyAsItIsReadBack() {
        ApiClient acme = scenario.newAccount();
        String repeated = "producer-" + UUID.randomUUID();
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event("user.image.analysis.completed", "2026-11-21T09:08:54.1234565Z", repeated));
        events.add(event("user.image.analysis.failed", "2026-11-21T09:08:54.9999995Z", null));
        events.add(event("acme.custom.thing", "2026-11-21T09:08:54.123456Z", null));
        events.add(event("user.image.analysis.completed", "2026-11-21T09:08:54.1234564Z", repeated));
        events.add(event("system.feeds.sync.failed", "2026-11-21T09:08:54.7498061", null));

        ApiResponse posted = acme.post("/v2/events", events);

        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        List<JsonNode> answered = elements(posted.json());
        assertThat(answered).hasSize(5);
        assertThat(answered.get(3)).isEqualTo(answered.get(0));
        assertThat(answered.get(0).get("event_id").asText()).isEqualTo(repeated);
        assertThat(answered.get(0).at("/event/timestamp").asText()).isEqualTo("2026-11-21T09:08:54.123457Z");
        assertThat(answered.get(1).at("/event/timestamp").asText()).isEqualTo("2026-11-21T09:08:55Z");
        for (JsonNode answer : answered) {
            ApiResponse read = acme.get("/v2/events/" + answer.get("event_id").asText());
            assertThat(read.json()).as(read.toString()).isEqualTo(answer);
        }
        assertThat(acme.get("/v2/events").json().get("item_count").asInt()).isEqualTo(4);
    }

    @Test
    void aRepeatedPostAnswersTheEventsStoredTheFirstTime() {
        ApiClient acme = scenario.newAccount();
        String id = "producer-" + UUID.randomUUID();
        Map<String, Object> event = event("user.image.analysis.completed", "2026-11-21T09:08:54Z", id);

        JsonNode first = acme.post("/v2/events", List.of(event)).json();
        event.put("message", "changed");
        JsonNode second = acme.post("/v2/events", List.of(event, event("user.image.analysis.failed", null, null))).json();

        assertThat(second.get(0)).isEqualTo(first.get(0));
        assertThat(second.get(1).get("event_id").asText()).isNotEqualTo(id);
        assertThat(acme.get("/v2/events/" + second.get(1).get("event_id").asText()).json()).isEqualTo(second.get(1));
    }

    private static Map<String, Object> event(String type, String timestamp, String id) {
        Map<String, Object> event = new LinkedHashMap<>();
        if (id != null) {
            event.put("id", id);
        }
        event.put("type", type);
        event.put("level", "info");
        event.put("message", "über 🔥 " + type);
        event.put("details", Map.of("count", 12, "ratio", 0.1, "names", List.of("a", "ö"), "nested", Map.of("deep", true)));
        if (timestamp != null) {
            event.put("timestamp", timestamp);
        }
        event.put("resource", Map.of("type", "image_tag", "id", "docker.io/acme/api:1.4"));
        event.put("source", Map.of("service_name", "scanner"));
        return event;
    }
}
