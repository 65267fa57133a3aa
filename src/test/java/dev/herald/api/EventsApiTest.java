package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.Json.elements;
import static dev.herald.support.Json.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.Scenario;
import dev.herald.support.TestResources;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /v2/events} and {@code /v2/event-types} on the real Main: ingestion with Anchore's defaults,
 * validation, the list filters and paging, account scoping, deletion, and the type catalogue.
 */
class EventsApiTest extends ApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CATALOGUE = TestResources.folder("specs").resolve("anchore-event-types.json");
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    /** A read-only account holding the filter fixture: sample key by event id. */
    static ApiClient filtered;
    static final Map<String, String> SAMPLE_BY_ID = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        filtered = scenario.newAccount();
        postFilterFixture();
    }

    // ---------------------------------------------------------------- ingestion

    @Test
    void postingOneEventAnswersTheStoredEventResponseAndGetReturnsTheSame() {
        ApiClient acme = scenario.newAccount();
        Instant before = Instant.now();
        ApiResponse posted = acme.post("/v2/events", q("{'type':'user.checks.tag.policy_evaluation.update',"
                + "'level':'info','message':'Policy went from pass to fail',"
                + "'details':{'last_eval':{'status':'pass'},'curr_eval':{'status':'fail'}},"
                + "'timestamp':'2026-11-21T09:08:54.749Z',"
                + "'resource':{'type':'image_tag','id':'docker.io/acme/api:1.4'},"
                + "'source':{'service_name':'scanner','host_id':'ci-7','base_url':'http://ci-7','request_id':'req-1'}}"));
        Instant after = Instant.now();

        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        JsonNode response = posted.json();
        assertThat(fieldNames(response)).containsExactlyInAnyOrder("event_id", "created_at", "event");
        assertThat(response.get("event_id").asText()).isNotBlank();
        assertThat(Instant.parse(response.get("created_at").asText())).isBetween(before.minusSeconds(1), after.plusSeconds(1));
        JsonNode event = response.get("event");
        assertThat(fieldNames(event)).containsExactlyInAnyOrder("source", "resource", "type", "category", "level",
                "message", "details", "timestamp");
        assertThat(event.get("type").asText()).isEqualTo("user.checks.tag.policy_evaluation.update");
        assertThat(event.get("category").asText()).isEqualTo("user");
        assertThat(event.get("level").asText()).isEqualTo("info");
        assertThat(event.get("message").asText()).isEqualTo("Policy went from pass to fail");
        assertThat(event.get("details")).isEqualTo(tree("{'last_eval':{'status':'pass'},'curr_eval':{'status':'fail'}}"));
        assertThat(Instant.parse(event.get("timestamp").asText())).isEqualTo(Instant.parse("2026-11-21T09:08:54.749Z"));
        assertThat(event.get("resource").get("account_name").asText()).isEqualTo(acme.account());
        assertThat(event.get("resource").get("type").asText()).isEqualTo("image_tag");
        assertThat(event.get("resource").get("id").asText()).isEqualTo("docker.io/acme/api:1.4");
        assertThat(event.get("source").get("service_name").asText()).isEqualTo("scanner");
        assertThat(event.get("source").get("host_id").asText()).isEqualTo("ci-7");
        assertThat(event.get("source").get("base_url").asText()).isEqualTo("http://ci-7");
        assertThat(event.get("source").get("request_id").asText()).isEqualTo("req-1");

        ApiResponse fetched = acme.get("/v2/events/" + response.get("event_id").asText());
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(response);
    }

    @Test
    void postingAListAnswersTheStoredEventsInOrder() {
        ApiClient acme = scenario.newAccount();
        List<String> types = List.of("user.image.analysis.completed", "system.feeds.sync.failed",
                "user.policy.active.updated");

        ApiResponse posted = acme.post("/v2/events", types.stream().map(type -> event(type, "info")).toList());

        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        assertThat(posted.json().isArray()).isTrue();
        List<JsonNode> stored = elements(posted.json());
        assertThat(stored).extracting(e -> e.at("/event/type").asText()).containsExactlyElementsOf(types);
        assertThat(stored).extracting(e -> e.get("event_id").asText()).doesNotHaveDuplicates();
        for (JsonNode response : stored) {
            assertThat(acme.get("/v2/events/" + response.get("event_id").asText()).json()).isEqualTo(response);
        }
        assertThat(count(acme)).isEqualTo(3);
    }

    @Test
    void aKnownTypeGetsItsMessageLevelAndResourceTypeFromTheCatalogue() {
        ApiClient acme = scenario.newAccount();
        Instant before = Instant.now();

        JsonNode failed = postOne(acme, "{'type':'user.image.analysis.failed'}").get("event");
        JsonNode completed = postOne(acme, "{'type':'user.image.analysis.completed','resource':{'id':'docker.io/a/b:1'}}")
                .get("event");
        Instant after = Instant.now();

        assertThat(failed.get("level").asText()).isEqualTo("error");
        assertThat(failed.get("message").asText()).isEqualTo("Failed to analyze image");
        assertThat(failed.at("/resource/type").asText()).isEqualTo("image_tag");
        assertThat(failed.at("/resource/account_name").asText()).isEqualTo(acme.account());
        assertThat(failed.get("details")).isEqualTo(tree("{}"));
        assertThat(Instant.parse(failed.get("timestamp").asText())).isBetween(before.minusSeconds(1), after.plusSeconds(1));

        assertThat(completed.get("level").asText()).isEqualTo("info");
        assertThat(completed.get("message").asText()).isEqualTo("Image analysis available");
        assertThat(completed.at("/resource/type").asText()).isEqualTo("image_tag");
        assertThat(completed.at("/resource/id").asText()).isEqualTo("docker.io/a/b:1");
    }

    @Test
    void givenValuesWinOverTheCatalogueDefaults() {
        ApiClient acme = scenario.newAccount();

        JsonNode event = postOne(acme, "{'type':'user.image.analysis.failed','level':'info','message':'Own words',"
                + "'resource':{'type':'image_digest'}}").get("event");

        assertThat(event.get("level").asText()).isEqualTo("info");
        assertThat(event.get("message").asText()).isEqualTo("Own words");
        assertThat(event.at("/resource/type").asText()).isEqualTo("image_digest");
    }

    @Test
    void aTimestampWithoutOffsetIsTakenAsUtc() {
        ApiClient acme = scenario.newAccount();

        JsonNode event = postOne(acme, "{'type':'system.test.random_wisdom','timestamp':'2025-10-01T09:08:54.749806'}")
                .get("event");

        assertThat(Instant.parse(event.get("timestamp").asText())).isEqualTo(Instant.parse("2025-10-01T09:08:54.749806Z"));
    }

    @Test
    void aTimestampWithAnOffsetIsConvertedToTheSameInstant() {
        ApiClient acme = scenario.newAccount();

        JsonNode event = postOne(acme, "{'type':'system.test.random_wisdom','timestamp':'2025-10-01T11:08:54+02:00'}")
                .get("event");

        assertThat(Instant.parse(event.get("timestamp").asText())).isEqualTo(Instant.parse("2025-10-01T09:08:54Z"));
    }

    @Test
    void detailsThatAreNotAnObjectAreWrappedAsMsg() {
        ApiClient acme = scenario.newAccount();

        JsonNode event = postOne(acme, "{'type':'user.image.analysis.failed','details':'some text'}").get("event");

        assertThat(event.get("details")).isEqualTo(tree("{'msg':'some text'}"));
    }

    @Test
    void anUpperCaseLevelIsAcceptedAndStoredLowerCase() {
        ApiClient acme = scenario.newAccount();

        JsonNode response = postOne(acme, "{'type':'acme.custom.thing','level':'ERROR'}");

        assertThat(response.at("/event/level").asText()).isEqualTo("error");
        assertThat(acme.get("/v2/events/" + response.get("event_id").asText()).json().at("/event/level").asText())
                .isEqualTo("error");
    }

    @Test
    void anEventPostedTwiceWithTheSameProducerIdIsStoredOnce() {
        ApiClient acme = scenario.newAccount();
        String id = "producer-" + UUID.randomUUID();

        JsonNode first = postOne(acme, "{'id':'" + id + "','type':'user.image.analysis.completed','message':'first'}");
        JsonNode second = postOne(acme, "{'id':'" + id + "','type':'user.image.analysis.completed','message':'second'}");

        assertThat(first.get("event_id").asText()).isEqualTo(id);
        assertThat(second).isEqualTo(first);
        assertThat(second.at("/event/message").asText()).isEqualTo("first");
        JsonNode page = list(acme, "");
        assertThat(page.get("item_count").asInt()).isEqualTo(1);
        assertThat(page.at("/results/0/event_id").asText()).isEqualTo(id);
    }

    // ---------------------------------------------------------------- validation

    static Stream<Arguments> invalidEvents() {
        String tooLongType = "user.long." + "a".repeat(246);
        List<String> tooMany = IntStream.range(0, 1001).mapToObj(i -> "{'type':'user.image.analysis.completed'}").toList();
        return Stream.of(
                arguments("a JSON string", "'just text'", "body"),
                arguments("a JSON number", "42", "body"),
                arguments("an empty list", "[]", "body"),
                arguments("a list of 1001 events", "[" + String.join(",", tooMany) + "]", "body"),
                arguments("no type", "{'level':'info','message':'m'}", "type"),
                arguments("an upper-case type", "{'type':'User.Image.analysis','level':'info'}", "type"),
                arguments("a wildcard in the type", "{'type':'user.*','level':'info'}", "type"),
                arguments("a type of 256 characters", "{'type':'" + tooLongType + "','level':'info'}", "type"),
                arguments("level warn", "{'type':'user.image.analysis.completed','level':'warn'}", "level"),
                arguments("a numeric level", "{'type':'user.image.analysis.completed','level':3}", "level"),
                arguments("no level for an unknown type", "{'type':'acme.custom.thing'}", "level"),
                arguments("timestamp yesterday", "{'type':'user.image.analysis.completed','timestamp':'yesterday'}", "timestamp"),
                arguments("a numeric message", "{'type':'user.image.analysis.completed','message':42}", "message"),
                arguments("a resource that is a string", "{'type':'user.image.analysis.completed','resource':'image'}", "resource"),
                arguments("an account name with a space",
                        "{'type':'user.image.analysis.completed','resource':{'account_name':'a b'}}", "resource.account_name"),
                arguments("a bad third element of a list", "[{'type':'user.image.analysis.completed'},"
                        + "{'type':'user.image.analysis.failed'},{'type':'User.Bad'}]", "[2].type"),
                arguments("an id with spaces", "{'id':'my event 1','type':'user.image.analysis.completed'}", "id"));
    }

    @ParameterizedTest(name = "{0} is refused, naming {2}")
    @MethodSource("invalidEvents")
    void anInvalidEventIsRefusedNamingTheFieldAndNothingIsStored(String description, String body, String field) {
        ApiClient acme = scenario.newAccount();
        assertThat(count(acme)).isZero();

        ApiResponse refused = acme.post("/v2/events", q(body));

        assertBadRequest(refused, field);
        assertThat(count(acme)).as("events stored after a refused POST").isZero();
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        ApiClient acme = scenario.newAccount();
        String longestType = "user.long." + "a".repeat(245);

        ApiResponse thousand = acme.post("/v2/events", IntStream.range(0, 1000)
                .mapToObj(i -> event("user.image.analysis.completed", "info")).toList());
        JsonNode longest = postOne(acme, "{'type':'" + longestType + "','level':'info'}");

        assertThat(thousand.status()).as(thousand.toString()).isEqualTo(200);
        assertThat(thousand.json()).hasSize(1000);
        assertThat(longest.at("/event/type").asText()).hasSize(255).isEqualTo(longestType);
        assertThat(count(acme)).isEqualTo(1000);
        assertThat(list(acme, "limit=1000&page=2").get("item_count").asInt()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        ApiClient acme = scenario.newAccount();

        ApiResponse refused = acme.post("/v2/events", "{\"type\": \"user.image.analysis.completed\", ");

        assertError(refused, 400, "BadRequest");
        assertThat(refused.json().get("message").asText()).containsIgnoringCase("json");
        assertThat(count(acme)).isZero();
    }

    static Stream<Arguments> undeclaredBodies() {
        return Stream.of(
                arguments("text/plain", q("{'type':'user.image.analysis.completed'}")),
                arguments("text/plain", "not json at all {"),
                arguments("application/x-www-form-urlencoded", "type=user.image.analysis.completed&level=info"));
    }

    @ParameterizedTest(name = "a {0} body is refused with 415")
    @MethodSource("undeclaredBodies")
    void aBodyThatIsNotDeclaredAsJsonIsAnUnsupportedMediaType(String contentType, String body) {
        ApiClient acme = scenario.newAccount();

        ApiResponse refused = acme.send("POST", "/v2/events", body, contentType);

        assertError(refused, 415, "UnsupportedMediaType");
        assertThat(count(acme)).isZero();
    }

    // ---------------------------------------------------------------- listing

    /**
     * The fixture, posted in an order that differs from the timestamp order:
     * key, type, level, source service, source host, resource type, resource id, hours after T0.
     */
    private static final List<List<Object>> FIXTURE = List.of(
            List.of("completed", "user.image.analysis.completed", "info", "scanner", "ci-1", "image_tag", "docker.io/acme/api:1", 1),
            List.of("axb", "user.axb.thing", "info", "other", "ci-3", "thing", "x-1", 4),
            List.of("feeds", "system.feeds.sync.failed", "error", "feeds", "ci-3", "feeds", "feed-1", 6),
            List.of("failed", "user.image.analysis.failed", "error", "scanner", "ci-2", "image_tag", "docker.io/acme/api:2", 2),
            List.of("a_b", "user.a_b.thing", "info", "other", "ci-3", "thing", "x-2", 5),
            List.of("policy", "user.checks.tag.policy_evaluation.update", "info", "policy-engine", "ci-1", "image_digest",
                    "sha256:c0ffee", 3));

    private static void postFilterFixture() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (List<Object> row : FIXTURE) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", row.get(1));
            event.put("level", row.get(2));
            event.put("message", "fixture " + row.get(0));
            event.put("source", Map.of("service_name", row.get(3), "host_id", row.get(4)));
            event.put("resource", Map.of("type", row.get(5), "id", row.get(6)));
            event.put("timestamp", hours((Integer) row.get(7)).toString());
            events.add(event);
        }
        List<String> ids = scenario.postAll(filtered, events);
        for (int i = 0; i < ids.size(); i++) {
            SAMPLE_BY_ID.put(ids.get(i), (String) FIXTURE.get(i).get(0));
        }
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                arguments("", List.of("feeds", "a_b", "axb", "policy", "failed", "completed")),
                arguments("source_service_name=scanner", List.of("failed", "completed")),
                arguments("source_host_id=ci-1", List.of("policy", "completed")),
                arguments("event_type=user.image.", List.of("failed", "completed")),
                arguments("event_type=user.image.analysis.failed", List.of("failed")),
                arguments("event_type=user", List.of("a_b", "axb", "policy", "failed", "completed")),
                arguments("event_type=system.", List.of("feeds")),
                arguments("event_type=user.*.analysis", List.of("failed", "completed")),
                arguments("event_type=user.*.update", List.of("policy")),
                arguments("event_type=*failed", List.of("feeds", "failed")),
                arguments("event_type=user.a_b", List.of("a_b")),
                arguments("event_type=user.a_", List.of("a_b")),
                arguments("resource_type=image_tag", List.of("failed", "completed")),
                arguments("resource_type=nothing", List.of()),
                arguments("resource_id=sha256:c0ffee", List.of("policy")),
                arguments("level=error", List.of("feeds", "failed")),
                arguments("level=ERROR", List.of("feeds", "failed")),
                arguments("level=info", List.of("a_b", "axb", "policy", "completed")),
                arguments("since=" + hours(2).plusSeconds(1800), List.of("feeds", "a_b", "axb", "policy")),
                arguments("before=" + hours(2).plusSeconds(1800), List.of("failed", "completed")),
                arguments("since=" + hours(1).plusSeconds(1800) + "&before=" + hours(3).plusSeconds(1800),
                        List.of("policy", "failed")),
                arguments("since=2026-03-01T04:30:00", List.of("feeds", "a_b")),
                arguments("source_service_name=scanner&level=error", List.of("failed")),
                arguments("source_host_id=ci-3&event_type=user.", List.of("a_b", "axb")));
    }

    @ParameterizedTest(name = "?{0} gives {1}")
    @MethodSource("filters")
    void theListIsFilteredAndNewestFirst(String query, List<String> expected) {
        JsonNode page = list(filtered, query);

        assertThat(samples(page)).containsExactlyElementsOf(expected);
        assertThat(page.get("item_count").asInt()).isEqualTo(expected.size());
        assertThat(page.get("next_page").asBoolean()).isFalse();
        assertThat(page.get("page").asInt()).isEqualTo(1);
    }

    @Test
    void theListIsPaged() {
        JsonNode first = list(filtered, "limit=2");
        JsonNode second = list(filtered, "limit=2&page=2");
        JsonNode third = list(filtered, "limit=2&page=3");
        JsonNode beyond = list(filtered, "limit=2&page=4");

        assertPage(first, List.of("feeds", "a_b"), true, 1);
        assertPage(second, List.of("axb", "policy"), true, 2);
        assertPage(third, List.of("failed", "completed"), false, 3);
        assertPage(beyond, List.of(), false, 4);
        assertPage(list(filtered, "limit=5&level=info"), List.of("a_b", "axb", "policy", "completed"), false, 1);
        assertPage(list(filtered, "limit=3&level=info"), List.of("a_b", "axb", "policy"), true, 1);
    }

    @Test
    void listedEventsHaveTheEventResponseShape() {
        JsonNode page = list(filtered, "event_type=user.checks.");

        assertThat(fieldNames(page)).containsExactlyInAnyOrder("results", "next_page", "item_count", "page");
        JsonNode listed = page.get("results").get(0);
        String eventId = listed.get("event_id").asText();
        assertThat(listed).isEqualTo(filtered.get("/v2/events/" + eventId).json());
        assertThat(listed.at("/event/source/service_name").asText()).isEqualTo("policy-engine");
        assertThat(listed.at("/event/resource/id").asText()).isEqualTo("sha256:c0ffee");
        assertThat(listed.at("/event/message").asText()).isEqualTo("fixture policy");
        assertThat(Instant.parse(listed.at("/event/timestamp").asText())).isEqualTo(hours(3));
    }

    static Stream<Arguments> invalidFilters() {
        return Stream.of(
                arguments("limit=0", "limit"),
                arguments("limit=abc", "limit"),
                arguments("limit=5000", "limit"),
                arguments("page=0", "page"),
                arguments("page=-1", "page"),
                arguments("level=warn", "level"),
                arguments("since=notadate", "since"),
                arguments("before=notadate", "before"),
                arguments("event_type=" + encode("BAD TYPE"), "event_type"));
    }

    @ParameterizedTest(name = "?{0} is refused, naming {1}")
    @MethodSource("invalidFilters")
    void aBadFilterIsRefusedNamingTheParameter(String query, String parameter) {
        assertBadRequest(filtered.get("/v2/events?" + query), parameter);
    }

    // ---------------------------------------------------------------- accounts

    @Test
    void anEventOfOneAccountDoesNotExistForAnother() {
        ApiClient owner = scenario.newAccount();
        ApiClient stranger = scenario.newAccount();
        String eventId = scenario.post(owner, Scenario.event("user.image.analysis.completed", "info", "image_tag"));

        assertError(stranger.get("/v2/events/" + eventId), 404, "ResourceNotFound");
        assertError(stranger.delete("/v2/events/" + eventId), 404, "ResourceNotFound");
        assertThat(count(stranger)).isZero();
        assertThat(stranger.delete("/v2/events").json()).isEmpty();

        assertThat(owner.get("/v2/events/" + eventId).status()).isEqualTo(200);
        assertThat(samples(list(owner, ""), Map.of(eventId, "mine"))).containsExactly("mine");
    }

    @Test
    void reusingAnotherAccountsEventIdDoesNotDiscloseThatEvent() {
        ApiClient owner = scenario.newAccount();
        ApiClient stranger = scenario.newAccount();
        String id = "shared-" + UUID.randomUUID();
        JsonNode original = postOne(owner, "{'id':'" + id + "','type':'user.image.analysis.failed',"
                + "'message':'secret of the owner','resource':{'id':'registry.internal/owner/app:1'}}");

        ApiResponse answer = stranger.post("/v2/events", q("{'id':'" + id + "','type':'user.image.analysis.failed',"
                + "'message':'stranger'}"));

        assertThat(answer.body()).as("answer to the stranger: " + answer)
                .doesNotContain("secret of the owner", "registry.internal/owner/app:1", owner.account());
        assertThat(owner.get("/v2/events/" + id).json()).isEqualTo(original);
    }

    // ---------------------------------------------------------------- deletion

    @Test
    void aDeletedEventIsGone() {
        ApiClient acme = scenario.newAccount();
        String eventId = scenario.post(acme, Scenario.event("user.image.analysis.completed", "info", "image_tag"));
        String kept = scenario.post(acme, Scenario.event("user.image.analysis.completed", "info", "image_tag"));

        ApiResponse deleted = acme.delete("/v2/events/" + eventId);

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertError(acme.get("/v2/events/" + eventId), 404, "ResourceNotFound");
        assertError(acme.delete("/v2/events/" + eventId), 404, "ResourceNotFound");
        assertThat(acme.get("/v2/events/" + kept).status()).isEqualTo(200);
        assertThat(count(acme)).isEqualTo(1);
    }

    @Test
    void deletingAnUnknownEventIsNotFound() {
        ApiClient acme = scenario.newAccount();

        ApiResponse answer = acme.delete("/v2/events/" + UUID.randomUUID().toString().replace("-", ""));

        assertError(answer, 404, "ResourceNotFound");
    }

    @Test
    void deletingByLevelDeletesOnlyThatAccountsEventsOfThatLevelAndAnswersTheirIds() {
        ApiClient acme = scenario.newAccount();
        ApiClient other = scenario.newAccount();
        List<String> acmeIds = scenario.postAll(acme, List.of(event("user.image.analysis.failed", "error"),
                event("user.image.analysis.completed", "info"), event("system.feeds.sync.failed", "error")));
        String otherError = scenario.post(other, event("user.image.analysis.failed", "error"));

        ApiResponse answer = acme.delete("/v2/events?level=error");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(texts(answer.json())).containsExactlyInAnyOrder(acmeIds.get(0), acmeIds.get(2));
        assertThat(list(acme, "").get("results")).extracting(e -> e.get("event_id").asText())
                .containsExactly(acmeIds.get(1));
        assertThat(other.get("/v2/events/" + otherError).status()).isEqualTo(200);
        assertThat(acme.delete("/v2/events?level=error").json()).as("nothing left to delete").isEmpty();
    }

    @Test
    void deletingBeforeATimeDeletesOnlyOlderEvents() {
        ApiClient acme = scenario.newAccount();
        List<String> ids = scenario.postAll(acme, List.of(
                at(event("user.image.analysis.completed", "info"), hours(1)),
                at(event("user.image.analysis.completed", "info"), hours(3))));

        ApiResponse answer = acme.delete("/v2/events?before=" + hours(2));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(texts(answer.json())).containsExactly(ids.get(0));
        assertThat(list(acme, "").get("results")).extracting(e -> e.get("event_id").asText()).containsExactly(ids.get(1));
    }

    @Test
    void deletingWithABadLevelIsRefusedAndDeletesNothing() {
        ApiClient acme = scenario.newAccount();
        scenario.post(acme, event("user.image.analysis.failed", "error"));

        assertBadRequest(acme.delete("/v2/events?level=warn"), "level");
        assertThat(count(acme)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- event types

    @Test
    void theEventTypesListHoldsTheWholeCatalogueGroupedByCategoryAndSubcategory() throws IOException {
        JsonNode catalogue = JSON.readTree(CATALOGUE.toFile()).get("event_types");
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        catalogue.forEach(type -> expected.put(type.get("type").asText(), type));

        ApiResponse answer = scenario.newAccount().get("/v2/event-types");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Map<String, JsonNode> listed = eventTypes(answer.json());
        assertThat(listed.keySet()).containsAll(expected.keySet());
        expected.forEach((type, known) -> {
            JsonNode description = listed.get(type);
            assertThat(description.get("message").asText()).as(type).isEqualTo(known.get("message").asText());
            assertThat(description.get("resource_type").asText()).as(type).isEqualTo(known.get("resource_type").asText());
        });
        assertThat(categoryNames(answer.json())).contains("user", "system");
        JsonNode vulnerabilities = find(answer.json(), "user", "checks", "tag.vulnerabilities.update");
        assertThat(vulnerabilities.get("type").asText()).isEqualTo("user.checks.tag.vulnerabilities.update");
        assertThat(vulnerabilities.get("message").asText()).isEqualTo("Vulnerability update detected for tagged image");
        assertThat(vulnerabilities.get("resource_type").asText()).isEqualTo("image_tag");
        assertThat(fieldNames(vulnerabilities)).containsExactlyInAnyOrder("name", "type", "message", "resource_type");
    }

    @Test
    void everyListedTypeIsItsCategorySubcategoryAndNameAndAppearsOnce() {
        JsonNode categories = scenario.newAccount().get("/v2/event-types").json();

        List<String> types = new ArrayList<>();
        for (JsonNode category : categories) {
            assertThat(fieldNames(category)).contains("name", "description", "subcategories");
            for (JsonNode subcategory : category.get("subcategories")) {
                assertThat(fieldNames(subcategory)).contains("name", "description", "events");
                for (JsonNode event : subcategory.get("events")) {
                    String type = event.get("type").asText();
                    types.add(type);
                    assertThat(type).isEqualTo(category.get("name").asText() + "." + subcategory.get("name").asText()
                            + "." + event.get("name").asText());
                }
            }
        }
        assertThat(types).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void aNewTypeSeenInAnEventIsListedToo() {
        ApiClient acme = scenario.newAccount();
        postOne(acme, "{'type':'acme.scanner.scan.finished','level':'info','message':'Scan finished',"
                + "'resource':{'type':'scan','id':'scan-1'}}");

        JsonNode categories = acme.get("/v2/event-types").json();

        JsonNode finished = find(categories, "acme", "scanner", "scan.finished");
        assertThat(finished.get("type").asText()).isEqualTo("acme.scanner.scan.finished");
        assertThat(finished.get("message").asText()).isEqualTo("Scan finished");
        assertThat(finished.get("resource_type").asText()).isEqualTo("scan");
    }

    // ---------------------------------------------------------------- helpers

    /** JSON written with single quotes, for readability. */
    private static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static JsonNode tree(String singleQuoted) {
        try {
            return JSON.readTree(q(singleQuoted));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, Object> event(String type, String level) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("level", level);
        event.put("message", "test " + type);
        return event;
    }

    private static Map<String, Object> at(Map<String, Object> event, Instant timestamp) {
        event.put("timestamp", timestamp.toString());
        return event;
    }

    private static Instant hours(int hours) {
        return T0.plusSeconds(hours * 3600L);
    }

    private static JsonNode postOne(ApiClient api, String singleQuotedEvent) {
        ApiResponse posted = api.post("/v2/events", q(singleQuotedEvent));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
        return posted.json();
    }

    private static JsonNode list(ApiClient api, String query) {
        ApiResponse page = api.get("/v2/events" + (query.isEmpty() ? "" : "?" + query));
        assertThat(page.status()).as("GET /v2/events?" + query + " -> " + page).isEqualTo(200);
        return page.json();
    }

    private static int count(ApiClient api) {
        return list(api, "limit=1000").get("item_count").asInt();
    }

    private static List<String> samples(JsonNode page) {
        return samples(page, SAMPLE_BY_ID);
    }

    private static List<String> samples(JsonNode page, Map<String, String> keyById) {
        List<String> keys = new ArrayList<>();
        page.get("results").forEach(e -> keys.add(keyById.getOrDefault(e.get("event_id").asText(), "?")));
        return keys;
    }

    private static void assertPage(JsonNode page, List<String> expected, boolean nextPage, int number) {
        assertThat(samples(page)).containsExactlyElementsOf(expected);
        assertThat(page.get("item_count").asInt()).isEqualTo(expected.size());
        assertThat(page.get("next_page").asBoolean()).isEqualTo(nextPage);
        assertThat(page.get("page").asInt()).isEqualTo(number);
    }

    /** Every event description of a GET /v2/event-types answer, by type. */
    private static Map<String, JsonNode> eventTypes(JsonNode categories) {
        Map<String, JsonNode> types = new LinkedHashMap<>();
        for (JsonNode category : categories) {
            for (JsonNode subcategory : category.get("subcategories")) {
                subcategory.get("events").forEach(event -> types.put(event.get("type").asText(), event));
            }
        }
        return types;
    }

    private static Set<String> categoryNames(JsonNode categories) {
        Set<String> names = new HashSet<>();
        categories.forEach(category -> names.add(category.get("name").asText()));
        return names;
    }

    private static JsonNode find(JsonNode categories, String category, String subcategory, String name) {
        for (JsonNode c : categories) {
            if (c.get("name").asText().equals(category)) {
                for (JsonNode s : c.get("subcategories")) {
                    if (s.get("name").asText().equals(subcategory)) {
                        for (JsonNode e : s.get("events")) {
                            if (e.get("name").asText().equals(name)) {
                                return e;
                            }
                        }
                    }
                }
            }
        }
        throw new AssertionError("no event " + name + " in " + category + " → " + subcategory + " of " + categories);
    }

    private static List<String> texts(JsonNode array) {
        return elements(array).stream().map(JsonNode::asText).collect(Collectors.toList());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
