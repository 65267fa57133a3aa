package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.Json.elements;
import static dev.herald.support.Json.fieldNames;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.Json;
import dev.herald.support.LoopbackReceiver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /v2/notifications/deliveries}: the delivery history, after real deliveries to a loopback
 * receiver. One account holds a fixed history that the tests only read:
 * <ul>
 *   <li>configuration "ok" (answers 200) selects every event; configuration "broken" (answers 404,
 *       which is not retried) selects {@code user.image.*} only;</li>
 *   <li>event "image" ({@code user.image.analysis.completed}) reaches both, event "feeds"
 *       ({@code system.feeds.sync.failed}) reaches "ok" only.</li>
 * </ul>
 */
class DeliveriesApiTest extends ApiTestBase {

    private static final List<String> FIELDS = List.of("uuid", "event_id", "configuration_uuid", "endpoint", "state",
            "attempts", "next_attempt_at", "last_status_code", "last_error", "external_id", "created_at", "updated_at",
            "delivered_at", "replayed_at");

    static LoopbackReceiver receiver;

    static ApiClient acme;
    static String ok;
    static String broken;
    static String imageEvent;
    static String feedsEvent;
    static Instant beforeHistory;
    static Instant afterHistory;

    @BeforeAll
    static void start() {
        receiver = new LoopbackReceiver();

        acme = scenario.newAccount();
        receiver.answer("/broken", 404);
        ok = scenario.webhook(acme, receiver.url("/ok"), List.of(selector("account", "*", "*", "*")));
        broken = scenario.webhook(acme, receiver.url("/broken"), List.of(selector("account", "*", "user.image.*", "*")));
        beforeHistory = Instant.now().minusMillis(5);
        imageEvent = scenario.post(acme, event("user.image.analysis.completed", "info", "image_tag"));
        feedsEvent = scenario.post(acme, event("system.feeds.sync.failed", "error", "feeds"));
        scenario.awaitSettled(List.of(imageEvent, feedsEvent));
        afterHistory = Instant.now().plusMillis(5);
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void theHistoryListsEveryDeliveryWithItsOutcome() {
        JsonNode page = list(acme, "");

        assertThat(fieldNames(page)).containsExactlyInAnyOrder("results", "next_page", "item_count", "page");
        assertThat(page.get("item_count").asInt()).isEqualTo(3);
        assertThat(page.get("next_page").asBoolean()).isFalse();
        assertThat(page.get("page").asInt()).isEqualTo(1);
        List<JsonNode> deliveries = elements(page.get("results"));
        assertThat(deliveries).extracting(d -> d.get("event_id").asText(), d -> d.get("configuration_uuid").asText(),
                        d -> d.get("state").asText())
                .containsExactlyInAnyOrder(
                        tuple(imageEvent, ok, "delivered"),
                        tuple(feedsEvent, ok, "delivered"),
                        tuple(imageEvent, broken, "dead"));
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(fieldNames(d)).containsExactlyInAnyOrderElementsOf(FIELDS);
            assertThat(d.get("endpoint").asText()).isEqualTo("webhook");
            assertThat(d.get("attempts").asInt()).isEqualTo(1);
            Instant created = Instant.parse(d.get("created_at").asText());
            assertThat(created).isBetween(beforeHistory, afterHistory);
            assertThat(Instant.parse(d.get("updated_at").asText())).isBetween(created, afterHistory);
            assertThat(Instant.parse(d.get("next_attempt_at").asText())).isBetween(beforeHistory, afterHistory);
        });
        assertThat(deliveries).extracting(d -> d.get("uuid").asText()).doesNotHaveDuplicates();
    }

    @Test
    void theCountsPerStateAreTheAccountsOwn() {
        ApiClient other = scenario.newAccount();
        scenario.webhook(other, receiver.url("/ok"), List.of(selector("account", "*", "*", "*")));
        scenario.webhook(other, receiver.url("/broken"), List.of(selector("account", "*", "*", "*")));
        scenario.awaitSettled(scenario.post(other, event("user.image.analysis.completed", "info", "image_tag")));

        ApiResponse counts = other.get("/v2/notifications/delivery-counts");
        assertThat(counts.status()).as(counts.toString()).isEqualTo(200);
        assertThat(counts.json()).isEqualTo(Json.tree(Map.of("pending", 0, "delivered", 1, "dead", 1, "suppressed", 0)));
        assertThat(scenario.newAccount().get("/v2/notifications/delivery-counts").json())
                .isEqualTo(Json.tree(Map.of("pending", 0, "delivered", 0, "dead", 0, "suppressed", 0)));
    }

    @Test
    void aDeliveredDeliveryRecordsTheStatusAndTime() {
        JsonNode delivered = single(list(acme, "event_id=" + feedsEvent));

        assertThat(delivered.get("state").asText()).isEqualTo("delivered");
        assertThat(delivered.get("last_status_code").asInt()).isEqualTo(200);
        assertThat(delivered.get("last_error").isNull()).isTrue();
        assertThat(Instant.parse(delivered.get("delivered_at").asText())).isBetween(beforeHistory, afterHistory);
    }

    @Test
    void aDeadDeliveryRecordsTheStatusAndReason() {
        JsonNode dead = single(list(acme, "state=dead"));

        assertThat(dead.get("event_id").asText()).isEqualTo(imageEvent);
        assertThat(dead.get("configuration_uuid").asText()).isEqualTo(broken);
        assertThat(dead.get("last_status_code").asInt()).isEqualTo(404);
        assertThat(dead.get("last_error").asText()).contains("404");
        assertThat(dead.get("delivered_at").isNull()).isTrue();
        assertThat(dead.get("replayed_at").isNull()).isTrue();
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                arguments("state=delivered", 2),
                arguments("state=dead", 1),
                arguments("state=pending", 0),
                arguments("state=suppressed", 0),
                arguments("endpoint=webhook", 3),
                arguments("endpoint=slack", 0),
                arguments("configuration_uuid={ok}", 2),
                arguments("configuration_uuid={broken}", 1),
                arguments("configuration_uuid=" + UUID.randomUUID(), 0),
                arguments("event_id={image}", 2),
                arguments("event_id={feeds}", 1),
                arguments("event_id=nosuchevent", 0),
                arguments("since={before}", 3),
                arguments("since={after}", 0),
                arguments("state=delivered&event_id={image}", 1),
                arguments("state=dead&configuration_uuid={ok}", 0),
                arguments("endpoint=webhook&configuration_uuid={broken}&state=dead", 1));
    }

    @ParameterizedTest(name = "?{0} gives {1}")
    @MethodSource("filters")
    void theHistoryIsFiltered(String query, int expected) {
        String resolved = query.replace("{ok}", ok).replace("{broken}", broken)
                .replace("{image}", imageEvent).replace("{feeds}", feedsEvent)
                .replace("{before}", beforeHistory.toString()).replace("{after}", afterHistory.toString());

        JsonNode page = list(acme, resolved);

        assertThat(page.get("item_count").asInt()).isEqualTo(expected);
        List<JsonNode> deliveries = elements(page.get("results"));
        assertThat(deliveries).hasSize(expected);
        for (String condition : resolved.split("&")) {
            String[] pair = condition.split("=", 2);
            String field = switch (pair[0]) {
                case "state", "endpoint", "configuration_uuid", "event_id" -> pair[0];
                default -> null;
            };
            if (field != null) {
                assertThat(deliveries).as(resolved).allSatisfy(d -> assertThat(d.get(field).asText()).isEqualTo(pair[1]));
            }
        }
    }

    @Test
    void theHistoryIsPaged() {
        JsonNode first = list(acme, "limit=1");
        JsonNode second = list(acme, "limit=1&page=2");
        JsonNode third = list(acme, "limit=1&page=3");
        JsonNode twoPerPage = list(acme, "limit=2&page=2");

        assertThat(first.get("item_count").asInt()).isEqualTo(1);
        assertThat(first.get("next_page").asBoolean()).isTrue();
        assertThat(first.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("next_page").asBoolean()).isTrue();
        assertThat(second.get("page").asInt()).isEqualTo(2);
        assertThat(third.get("item_count").asInt()).isEqualTo(1);
        assertThat(third.get("next_page").asBoolean()).isFalse();
        assertThat(twoPerPage.get("item_count").asInt()).isEqualTo(1);
        assertThat(twoPerPage.get("next_page").asBoolean()).isFalse();
        List<String> paged = new ArrayList<>();
        Stream.of(first, second, third).forEach(page -> page.get("results").forEach(d -> paged.add(d.get("uuid").asText())));
        List<String> all = new ArrayList<>();
        list(acme, "").get("results").forEach(d -> all.add(d.get("uuid").asText()));
        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void oneDeliveryIsReturnedByItsUuidWithTheHistoryOfItsAttempts() {
        JsonNode listed = single(list(acme, "state=dead"));

        ApiResponse answer = acme.get("/v2/notifications/deliveries/" + listed.get("uuid").asText());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        ObjectNode delivery = (ObjectNode) answer.json();
        JsonNode history = delivery.remove("attempts_history");
        assertThat(delivery).isEqualTo(listed);
        assertThat(elements(history)).singleElement().satisfies(attempt -> {
            assertThat(fieldNames(attempt)).containsExactlyInAnyOrder("attempt", "started_at", "finished_at",
                    "status_code", "error", "outcome");
            assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
            assertThat(attempt.get("status_code").asInt()).isEqualTo(404);
            assertThat(attempt.get("error").asText()).isEqualTo(listed.get("last_error").asText());
            assertThat(attempt.get("outcome").asText()).isEqualTo("dead");
            assertThat(Instant.parse(attempt.get("started_at").asText())).isBetween(beforeHistory, afterHistory);
            assertThat(Instant.parse(attempt.get("finished_at").asText())).isBetween(beforeHistory, afterHistory);
        });
    }

    @Test
    void anUnknownDeliveryIsNotFound() {
        assertError(acme.get("/v2/notifications/deliveries/" + UUID.randomUUID()), 404, "ResourceNotFound");
    }

    @Test
    void theDeliveriesOfOneAccountDoNotExistForAnother() {
        ApiClient stranger = scenario.newAccount();
        String uuid = single(list(acme, "state=dead")).get("uuid").asText();

        assertError(stranger.get("/v2/notifications/deliveries/" + uuid), 404, "ResourceNotFound");
        assertThat(list(stranger, "").get("item_count").asInt()).isZero();
        assertThat(list(stranger, "event_id=" + imageEvent).get("item_count").asInt()).isZero();
        assertThat(list(stranger, "configuration_uuid=" + ok).get("item_count").asInt()).isZero();
    }

    static Stream<Arguments> invalidFilters() {
        return Stream.of(
                arguments("state=bogus", "state"),
                arguments("state=failed", "state"),
                arguments("endpoint=bogus", "endpoint"),
                arguments("limit=5000", "limit"),
                arguments("limit=0", "limit"),
                arguments("limit=ten", "limit"),
                arguments("page=0", "page"),
                arguments("since=x", "since"));
    }

    @ParameterizedTest(name = "?{0} is refused, naming {1}")
    @MethodSource("invalidFilters")
    void aBadFilterIsRefusedNamingTheParameter(String query, String parameter) {
        ApiResponse answer = acme.get("/v2/notifications/deliveries?" + query);

        assertBadRequest(answer, parameter);
        assertThat(elements(answer.json().at("/detail/errors"))).extracting(e -> e.get("field").asText())
                .containsExactly(parameter);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode list(ApiClient api, String query) {
        ApiResponse page = api.get("/v2/notifications/deliveries" + (query.isEmpty() ? "" : "?" + query));
        assertThat(page.status()).as("GET /v2/notifications/deliveries?" + query + " -> " + page).isEqualTo(200);
        return page.json();
    }

    private static JsonNode single(JsonNode page) {
        List<JsonNode> results = elements(page.get("results"));
        assertThat(results).hasSize(1);
        return results.get(0);
    }
}
