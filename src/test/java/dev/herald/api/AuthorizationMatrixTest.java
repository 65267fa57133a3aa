package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.Json;
import dev.herald.support.LoopbackReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every API route, called by every kind of caller, against objects of the account "acme":
 * the expected status of each cell comes from the one table below.
 */
class AuthorizationMatrixTest extends ApiTestBase {

    /** Who calls, in the order of the table's columns. */
    enum Principal { NOBODY, WRONG_PASSWORD, ACME_READ_ONLY, ACME_READ_WRITE, OTHER_ACCOUNT, ADMIN, ADMIN_AS_ACME }

    private static final String WEBHOOK = "/v2/notifications/endpoints/webhook";
    private static final Map<String, Object> A_WEBHOOK = Map.of("url", "http://127.0.0.1:9/nowhere");
    private static final Map<String, Object> ALL_EVENTS = selector("account", "*", "*", "*");
    private static final String ALERTS = "/api/scanning/v1/alerts";
    private static final Map<String, Object> AN_ALERT = Map.of("name", "alert {new}", "type", "runtime",
            "scope", "kubernetes.namespace.name = \"prod\"");

    // columns:                  nobody wrong  ro   rw  other admin admin-as-acme
    private static final int[] READ_LIST = {401, 401, 200, 200, 200, 200, 200};
    private static final int[] READ_OBJECT = {401, 401, 200, 200, 404, 404, 200};
    private static final int[] WRITE_LIST = {401, 401, 403, 200, 200, 200, 200};
    private static final int[] WRITE_OBJECT = {401, 401, 403, 200, 404, 404, 200};
    private static final int[] ADMINISTER = {401, 401, 403, 403, 403, 200, 200};

    /**
     * One route: method, path (placeholders filled from acme's objects), body ({new} in it becomes a
     * fresh name for each cell), expected statuses.
     */
    record Route(String method, String path, Object body, int[] expected) {
    }

    /** Objects of acme the routes act on; created anew for each cell, so deleting routes find theirs. */
    record Acme(String configuration, String selector, String event, String delivery, String account, String user,
            String alert) {

        String fill(String path) {
            return path.replace("{configuration}", configuration).replace("{selector}", selector)
                    .replace("{event}", event).replace("{delivery}", delivery).replace("{account}", account)
                    .replace("{user}", user).replace("{alert}", alert);
        }
    }

    static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("GET", "/v2/event-types", null, READ_LIST));
        routes.add(new Route("GET", "/v2/events", null, READ_LIST));
        routes.add(new Route("POST", "/v2/events", event("system.test.random_wisdom", "info", "wisdom"), WRITE_LIST));
        routes.add(new Route("DELETE", "/v2/events?level=error", null, WRITE_LIST));
        routes.add(new Route("GET", "/v2/events/{event}", null, READ_OBJECT));
        routes.add(new Route("DELETE", "/v2/events/{event}", null, WRITE_OBJECT));
        routes.add(new Route("GET", "/v2/notifications/endpoints", null, READ_LIST));
        routes.add(new Route("PUT", WEBHOOK, Map.of("enabled", true), ADMINISTER));
        routes.add(new Route("GET", "/v2/notifications/selectors", null, READ_LIST));
        routes.add(new Route("GET", "/v2/notifications/selector-presets", null, READ_LIST));
        routes.add(new Route("GET", "/v2/notifications/export", null, READ_LIST));
        routes.add(new Route("POST", "/v2/notifications/import?dry_run=true", Map.of("configurations", List.of()), WRITE_LIST));
        routes.add(new Route("GET", WEBHOOK + "/configurations", null, READ_LIST));
        routes.add(new Route("POST", WEBHOOK + "/configurations", A_WEBHOOK, WRITE_LIST));
        routes.add(new Route("POST", WEBHOOK + "/test", A_WEBHOOK, WRITE_LIST));
        routes.add(new Route("GET", WEBHOOK + "/configurations/{configuration}", null, READ_OBJECT));
        routes.add(new Route("PUT", WEBHOOK + "/configurations/{configuration}", A_WEBHOOK, WRITE_OBJECT));
        routes.add(new Route("DELETE", WEBHOOK + "/configurations/{configuration}", null, WRITE_OBJECT));
        routes.add(new Route("GET", WEBHOOK + "/configurations/{configuration}/status", null, READ_OBJECT));
        routes.add(new Route("GET", WEBHOOK + "/configurations/{configuration}/test", null, WRITE_OBJECT));
        routes.add(new Route("GET", WEBHOOK + "/configurations/{configuration}/selectors", null, READ_OBJECT));
        routes.add(new Route("POST", WEBHOOK + "/configurations/{configuration}/selectors", ALL_EVENTS, WRITE_OBJECT));
        routes.add(new Route("GET", WEBHOOK + "/configurations/{configuration}/selectors/{selector}", null, READ_OBJECT));
        routes.add(new Route("PUT", WEBHOOK + "/configurations/{configuration}/selectors/{selector}", ALL_EVENTS, WRITE_OBJECT));
        routes.add(new Route("DELETE", WEBHOOK + "/configurations/{configuration}/selectors/{selector}", null, WRITE_OBJECT));
        routes.add(new Route("GET", "/v2/notifications/deliveries", null, READ_LIST));
        routes.add(new Route("GET", "/v2/notifications/deliveries/{delivery}", null, READ_OBJECT));
        routes.add(new Route("GET", "/v2/notifications/delivery-counts", null, READ_LIST));
        routes.add(new Route("POST", "/v2/notifications/deliveries/{delivery}/retry", null, WRITE_OBJECT));
        routes.add(new Route("POST", "/v2/notifications/deliveries/retry?state=dead", null, WRITE_LIST));
        routes.add(new Route("GET", "/v2/user", null, READ_LIST));
        routes.add(new Route("GET", "/v2/accounts", null, ADMINISTER));
        routes.add(new Route("POST", "/v2/accounts", Map.of("name", "new-{new}"), ADMINISTER));
        routes.add(new Route("GET", "/v2/accounts/{account}", null, ADMINISTER));
        routes.add(new Route("DELETE", "/v2/accounts/{account}", null, ADMINISTER));
        routes.add(new Route("GET", "/v2/accounts/{account}/users", null, ADMINISTER));
        routes.add(new Route("POST", "/v2/accounts/{account}/users",
                Map.of("username", "new-{new}", "password", "long enough"), ADMINISTER));
        routes.add(new Route("PUT", "/v2/accounts/{account}/users/{user}", Map.of("role", "read-write"), ADMINISTER));
        routes.add(new Route("DELETE", "/v2/accounts/{account}/users/{user}", null, ADMINISTER));
        routes.add(new Route("GET", ALERTS, null, READ_LIST));
        routes.add(new Route("POST", ALERTS, AN_ALERT, WRITE_LIST));
        routes.add(new Route("GET", ALERTS + "/{alert}", null, READ_OBJECT));
        routes.add(new Route("PUT", ALERTS + "/{alert}", AN_ALERT, WRITE_OBJECT));
        routes.add(new Route("DELETE", ALERTS + "/{alert}", null, WRITE_OBJECT));
        routes.add(new Route("POST", ALERTS + "/{alert}/duplicate", null, WRITE_OBJECT));
        routes.add(new Route("POST", "/v2/scan-results", Map.of("image", Map.of("repository", "acme/api", "tag", "{new}",
                "digest", "sha256:" + "0f".repeat(32)), "vulnerabilities", List.of()), WRITE_LIST));
        routes.add(new Route("POST", "/v2/runtime-inventory", Map.of("containers", List.of(Map.of("image", "acme/api:{new}",
                "labels", Map.of("kubernetes.cluster.name", "matrix")))), WRITE_LIST));
        return routes;
    }

    static Stream<Arguments> cells() {
        return routes().stream().flatMap(route -> Stream.of(Principal.values())
                .map(principal -> Arguments.of(route.method() + " " + route.path(), principal, route)));
    }

    /** A receiver path that answers 404: deliveries to it are dead at once, so they can be replayed (a 410 would disable the configuration). */
    private static final String GONE = "/matrix-gone";

    static LoopbackReceiver receiver;
    static String acme;
    static Map<Principal, Function<ApiClient, ApiClient>> callers;
    /** The objects of the cell under way. */
    private Acme objects;

    @BeforeAll
    static void accountsAndUsers() {
        receiver = new LoopbackReceiver();
        receiver.answer(GONE, 404);
        acme = scenario.newAccount().account();
        String other = scenario.newAccount().account();
        ApiClient readOnly = scenario.newUser(acme, "read-only");
        ApiClient readWrite = scenario.newUser(acme, "read-write");
        ApiClient otherUser = scenario.newUser(other, "read-write");
        callers = Map.of(
                Principal.NOBODY, admin -> ApiClient.anonymous(herald.baseUrl()),
                Principal.WRONG_PASSWORD, admin -> ApiClient.anonymous(herald.baseUrl()).withCredentials(readWrite.username(), "wrong password"),
                Principal.ACME_READ_ONLY, admin -> readOnly,
                Principal.ACME_READ_WRITE, admin -> readWrite,
                Principal.OTHER_ACCOUNT, admin -> otherUser,
                Principal.ADMIN, admin -> admin,
                Principal.ADMIN_AS_ACME, admin -> admin.actingAs(acme));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("cells")
    void eachCallerGetsTheStatusOfTheTable(String name, Principal principal, Route route) {
        objects = acmeObjects(route);
        ApiClient caller = callers.get(principal).apply(herald.api());
        String path = objects.fill(route.path());

        ApiResponse answer = route.body() == null
                ? caller.send(route.method(), path, null, null)
                : caller.send(route.method(), path, Json.write(route.body()).replace("{new}", fresh()), "application/json");

        int expected = route.expected()[principal.ordinal()];
        if (expected == 200) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        } else {
            assertError(answer, expected, switch (expected) {
                case 401 -> "Unauthorized";
                case 403 -> "AccessDenied";
                default -> "ResourceNotFound";
            });
        }
    }

    /**
     * The cell's configuration goes (unless its route deleted it), so acme's configurations do not
     * pile up: each selects every event, and every later cell's event would be delivered to all of them.
     */
    @AfterEach
    void removeTheCellsConfiguration() {
        if (objects != null) {
            ApiResponse removed = herald.api().actingAs(acme).delete(WEBHOOK + "/configurations/" + objects.configuration());
            assertThat(removed.status()).as(removed.toString()).isIn(200, 404);
        }
    }

    private static String fresh() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A configuration with a selector, an event delivered to it (dead, for the routes that replay),
     * a spare account, a spare user and a scanning alert of acme.
     */
    private static Acme acmeObjects(Route route) {
        ApiClient admin = herald.api();
        ApiClient asAcme = admin.actingAs(acme);
        String configuration = scenario.webhook(asAcme, receiver.url(route.path().contains("/retry") ? GONE : "/matrix"),
                List.of(ALL_EVENTS));
        String selector = asAcme.get(WEBHOOK + "/configurations/" + configuration + "/selectors").json().get(0).get("uuid").asText();
        String delivery = "none";
        String eventId = scenario.post(asAcme, event("system.test.random_wisdom", "info", "wisdom"));
        if (route.path().contains("{delivery}")) {
            // this configuration's delivery only: the event also reaches any other configuration of acme
            // that selects it
            String settled = route.path().contains("/retry") ? "dead" : "delivered";
            delivery = await().atMost(Duration.ofSeconds(30)).until(() -> asAcme.get("/v2/notifications/deliveries?event_id="
                    + eventId + "&configuration_uuid=" + configuration + "&state=" + settled).json().get("results"),
                    results -> results.size() == 1).get(0).get("uuid").asText();
        }
        String account = route.path().contains("{account}") && route.method().equals("DELETE") && !route.path().contains("{user}")
                ? scenario.newAccount().account() : acme;
        String user = "none";
        if (route.path().contains("{user}")) {
            String username = "spare-" + fresh();
            admin.post("/v2/accounts/" + acme + "/users", Map.of("username", username, "password", "long enough"));
            user = username;
        }
        String alert = route.path().contains("{alert}")
                ? scenario.alert(asAcme, Map.of("name", "acme's alert", "notificationChannelIds", List.of(configuration)))
                : "none";
        return new Acme(configuration, selector, eventId, delivery, account, user, alert);
    }
}
