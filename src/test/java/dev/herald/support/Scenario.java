package dev.herald.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * Steps that route tests share: accounts, webhook configurations with selectors, scanning alerts,
 * events, and waiting for the pipeline.
 */
public final class Scenario {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final HeraldInstance herald;
    private final Jdbi sql;

    public Scenario(HeraldInstance herald) {
        this.herald = herald;
        this.sql = herald.database().jdbi();
    }

    public Jdbi sql() {
        return sql;
    }

    /** A new account, created through the accounts API, and an admin client acting for it. */
    public ApiClient newAccount() {
        String name = "acct-" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        ApiResponse created = herald.api().post("/v2/accounts", Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return herald.api().actingAs(name);
    }

    /** A new user of the account with the role, and a client signed in as that user. */
    public ApiClient newUser(String account, String role) {
        String username = "user-" + NAMES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
        String password = "pw-" + UUID.randomUUID();
        ApiResponse created = herald.api().post("/v2/accounts/" + account + "/users",
                Map.of("username", username, "password", password, "role", role));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return ApiClient.anonymous(herald.baseUrl()).withCredentials(username, password);
    }

    /** A selector as the API takes it. */
    public static Map<String, Object> selector(String scope, String level, String type, String resourceType) {
        return Map.of("scope", scope, "event", Map.of("level", level, "type", type, "resource_type", resourceType));
    }

    /** Creates a webhook configuration posting to {@code url}, with the given selectors; returns its uuid. */
    public String webhook(ApiClient api, String url, List<Map<String, Object>> selectors) {
        return webhook(api, Map.of("url", url, "description", "test webhook"), selectors);
    }

    public String webhook(ApiClient api, Map<String, Object> configuration, List<Map<String, Object>> selectors) {
        return createWebhook(api, configuration, selectors);
    }

    /** Creates a webhook configuration through any Herald's API (an in-process one or a {@link HeraldProcess}). */
    public static String createWebhook(ApiClient api, Map<String, Object> configuration, List<Map<String, Object>> selectors) {
        ApiResponse created = api.post("/v2/notifications/endpoints/webhook/configurations", configuration);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        for (Map<String, Object> selector : selectors) {
            ApiResponse added = api.post("/v2/notifications/endpoints/webhook/configurations/" + uuid + "/selectors", selector);
            assertThat(added.status()).as(added.toString()).isEqualTo(200);
        }
        return uuid;
    }

    /** Creates a scanning alert (Sysdig's shape) through the API; returns its alertId. */
    public String alert(ApiClient api, Map<String, Object> alert) {
        ApiResponse created = api.post("/api/scanning/v1/alerts", alert);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.text("alertId");
    }

    /** An event in Anchore's shape. */
    public static Map<String, Object> event(String type, String level, String resourceType) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("level", level);
        event.put("message", "test event " + type);
        event.put("details", Map.of("curr_eval", Map.of("status", "fail"), "last_eval", Map.of("status", "pass")));
        event.put("resource", Map.of("type", resourceType, "id", "docker.io/acme/api:1.4"));
        event.put("source", Map.of("service_name", "scanner", "host_id", "ci-7"));
        return event;
    }

    /** Posts one event; returns its event id. */
    public String post(ApiClient api, Map<String, Object> event) {
        ApiResponse stored = api.post("/v2/events", event);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        return stored.text("event_id");
    }

    /** Posts a list of events; returns their ids. */
    public List<String> postAll(ApiClient api, List<Map<String, Object>> events) {
        ApiResponse stored = api.post("/v2/events", events);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        stored.json().forEach(event -> ids.add(event.get("event_id").asText()));
        return ids;
    }

    /** Waits until the events are relayed and none of their deliveries is still pending. */
    public void awaitSettled(List<String> eventIds) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            int unrelayed = sql.withHandle(handle -> handle.createQuery(
                            "SELECT COUNT(*) FROM events WHERE relayed_at IS NULL AND event_id IN (<ids>)")
                    .bindList("ids", eventIds).mapTo(Integer.class).one());
            int pending = sql.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM deliveries d "
                            + "JOIN events e ON e.id = d.event_id WHERE d.state = 'pending' AND e.event_id IN (<ids>)")
                    .bindList("ids", eventIds).mapTo(Integer.class).one());
            assertThat(unrelayed).as("events not yet relayed").isZero();
            assertThat(pending).as("deliveries still pending").isZero();
        });
    }

    public void awaitSettled(String eventId) {
        awaitSettled(List.of(eventId));
    }

    /**
     * Waits until the event's one delivery, as {@code api}'s account sees it, is in {@code state}
     * (a retried delivery is pending until it is delivered or dead); returns it as
     * {@code GET …/deliveries/{uuid}} shows it, with its attempts_history.
     */
    public JsonNode awaitDelivery(ApiClient api, String eventId, String state) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<JsonNode> deliveries = deliveriesOf(api, eventId);
            assertThat(deliveries).as("deliveries of event " + eventId).hasSizeLessThanOrEqualTo(1);
            if (deliveries.isEmpty() || !deliveries.get(0).get("state").asText().equals(state)) {
                return null;
            }
            ApiResponse one = api.get("/v2/notifications/deliveries/" + deliveries.get(0).get("uuid").asText());
            assertThat(one.status()).as(one.toString()).isEqualTo(200);
            return one.json();
        }, java.util.Objects::nonNull);
    }

    /**
     * Waits for the first attempt recorded for the configuration's deliveries, which must be a
     * failure to retry; returns its error, status_code, started_at, finished_at and outcome.
     */
    public Map<String, Object> awaitRetriedAttempt(String configurationUuid) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> sql
                .withHandle(handle -> handle.createQuery("SELECT a.error, a.status_code, a.started_at, a.finished_at, "
                                + "a.outcome FROM delivery_attempts a JOIN deliveries d ON d.uuid = a.delivery_uuid "
                                + "WHERE d.configuration_uuid = :configuration ORDER BY a.finished_at")
                        .bind("configuration", configurationUuid)
                        .mapToMap().findFirst().orElse(null)), attempt -> attempt != null && "retry".equals(attempt.get("outcome")));
    }

    /** The delivery history of one event, as the API shows it to {@code api}'s account. */
    public List<JsonNode> deliveriesOf(ApiClient api, String eventId) {
        ApiResponse page = api.get("/v2/notifications/deliveries?event_id=" + eventId);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> deliveries = new ArrayList<>();
        page.json().get("results").forEach(deliveries::add);
        return deliveries;
    }
}
