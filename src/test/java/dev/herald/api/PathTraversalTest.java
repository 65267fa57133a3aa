package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertBadRequest;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.CapturedLog;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.StoredRows;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every route with a path parameter, taken from Herald's own REST definitions, with each parameter
 * turned into a path that names something else once dot segments are resolved or escapes decoded
 * ({@code ..}, {@code %2e%2e}, {@code %2E.}, {@code %2f}, {@code %00}, {@code ;}): a 400 naming the
 * path, and nothing stored changed. Before the check, {@code DELETE /v2/accounts/x/users/%2e%2e}
 * deleted the account and {@code POST …/deliveries/{uuid}/%2e%2e/retry} ran the bulk replay; the
 * fixture holds one of everything (a dead delivery among it) so such a request would show in the digest.
 */
class PathTraversalTest extends ApiTestBase {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /** How a parameter's real value is turned into a path that names something else. */
    private static final List<UnaryOperator<String>> UNSAFE = List.of(
            value -> value + "/..",
            value -> value + "/%2e%2e",
            value -> value + "/%2E.",
            value -> "..",
            value -> "%2e%2e",
            value -> value + "%2f..",
            value -> value + "%2F",
            value -> value + "%00",
            value -> value + ";x=1");

    static LoopbackReceiver receiver;
    static ApiClient acme;
    static Map<String, String> values;
    static String deliveryUuid;

    @BeforeAll
    static void storeOneOfEverything() {
        receiver = new LoopbackReceiver();
        receiver.answer("/hook", 400);
        acme = scenario.newAccount();
        String username = scenario.newUser(acme.account(), "read-write").username();
        String configuration = scenario.webhook(acme, receiver.url("/hook"), List.of(selector("account", "*", "*", "*")));
        String selectorUuid = acme.get("/v2/notifications/endpoints/webhook/configurations/" + configuration + "/selectors")
                .json().get(0).get("uuid").asText();
        String eventId = scenario.post(acme, event("user.image.analysis.completed", "info", "image_digest"));
        deliveryUuid = scenario.awaitDelivery(acme, eventId, "dead").get("uuid").asText();
        scenario.awaitSettled(eventId);
        String alertId = scenario.alert(acme, Map.of("name", "stored alert"));
        values = Map.of("endpoint_type", "webhook", "name", "webhook", "uuid", configuration,
                "configuration_uuid", configuration, "selector_uuid", selectorUuid, "event_id", eventId,
                "account", acme.account(), "username", username, "alertId", alertId);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** A route of Herald's API as declared: method and path with its {parameters}. */
    record Route(String method, String template) {

        String path(String parameter, String valueOf) {
            Matcher names = PARAMETER.matcher(template);
            StringBuilder path = new StringBuilder();
            while (names.find()) {
                String name = names.group(1);
                names.appendReplacement(path, Matcher.quoteReplacement(name.equals(parameter) ? valueOf : value(name)));
            }
            return names.appendTail(path).toString();
        }

        String value(String name) {
            return name.equals("uuid") && template.contains("/deliveries/") ? deliveryUuid : values.get(name);
        }

        List<String> parameters() {
            List<String> names = new ArrayList<>();
            PARAMETER.matcher(template).results().forEach(found -> names.add(found.group(1)));
            return names;
        }

        ApiResponse send(String path) {
            ApiClient client = path.startsWith("/v2/accounts") || template.equals("/v2/notifications/endpoints/{name}")
                    ? herald.api() : acme;
            boolean withBody = method.equals("POST") || method.equals("PUT");
            return client.send(method, path, withBody ? "{}" : null, withBody ? "application/json" : null);
        }
    }

    static List<Route> routesWithPathParameters() {
        List<Route> routes = new ArrayList<>();
        for (RestDefinition rest : ((ModelCamelContext) herald.context()).getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String template = rest.getPath() + verb.getPath();
                if (template.contains("{")) {
                    routes.add(new Route(verb.asVerb().toUpperCase(), template));
                }
            }
        }
        return routes;
    }

    @Test
    void theTableCoversTheRoutesThatDestroyedDataAndEveryValueIsReal() {
        assertThat(routesWithPathParameters()).extracting(Route::template).contains(
                "/v2/accounts/{account}/users/{username}", "/v2/events/{event_id}",
                "/v2/notifications/endpoints/{endpoint_type}/configurations/{configuration_uuid}/selectors/{selector_uuid}",
                "/v2/notifications/deliveries/{uuid}/retry", "/api/scanning/v1/alerts/{alertId}");
        for (Route route : routesWithPathParameters()) {
            if (route.method().equals("GET")) {
                ApiResponse plain = route.send(route.path("", ""));
                assertThat(plain.status()).as(route + " " + plain).isEqualTo(200);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> aPathNamingSomethingElseIsRefusedWith400AndChangesNothing() {
        return routesWithPathParameters().stream().flatMap(route -> route.parameters().stream()
                .flatMap(parameter -> UNSAFE.stream().map(unsafe -> {
                    String path = route.path(parameter, unsafe.apply(route.value(parameter)));
                    return dynamicTest(route.method() + " " + path, () -> {
                        String before = StoredRows.digest(scenario.sql());

                        ApiResponse refused = route.send(path);

                        assertBadRequest(refused, "path");
                        assertThat(StoredRows.digest(scenario.sql())).as("nothing stored changed").isEqualTo(before);
                    });
                })));
    }

    @Test
    void aSafePathWithEscapedLettersStillReachesItsRoute() {
        ApiResponse found = acme.get("/v2/events/" + values.get("event_id").replace("-", "%2D"));

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
    }

    /**
     * A percent-escape that is not one ({@code %zz}, a lone {@code %}) or that decodes to no UTF-8
     * text: the API's 400 naming the path, on every route and on a path that is no route, logged at
     * most at DEBUG and without a stack trace (it is the client's mistake, not Herald's).
     */
    @TestFactory
    Stream<DynamicTest> aMalformedPercentEscapeIsA400NamingThePathAndNoStackTrace() {
        return Stream.of("/v2/events/%zz", "/v2/events/%", "/v2/events/%2", "/v2/events/a%zzb",
                        "/v2/accounts/%zz/users", "/v2/no-such-route/%zz", "/console/%zz", "/%zz")
                .map(path -> dynamicTest("GET " + path, () -> {
                    try (CapturedLog log = new CapturedLog()) {
                        ApiResponse refused = rawGet(path);

                        assertBadRequest(refused, "path");
                        assertThat(log.text()).doesNotContain("\tat ").doesNotContain("ERROR ").doesNotContain("WARN ");
                    }
                }));
    }

    /** A GET sent as written: Java's HTTP clients refuse to send a malformed escape at all. */
    private static ApiResponse rawGet(String path) throws IOException {
        try (Socket socket = new Socket("localhost", herald.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            List<String> head = List.of(answer.substring(0, end).split("\r\n"));
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            head.subList(1, head.size()).forEach(line -> headers.put(line.substring(0, line.indexOf(':')),
                    List.of(line.substring(line.indexOf(':') + 1).trim())));
            return new ApiResponse(Integer.parseInt(head.get(0).split(" ")[1]), answer.substring(end + 4), headers);
        }
    }
}
