package dev.herald.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTP Basic authentication, acting for an account with x-anchore-account, and the open /api-doc. */
class AuthenticationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path folder;

    static HeraldInstance herald;
    static Scenario scenario;
    static ApiClient anonymous;

    @BeforeAll
    static void start() {
        herald = HeraldInstance.start(TestDatabase.h2(folder));
        scenario = new Scenario(herald);
        anonymous = ApiClient.anonymous(herald.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (herald != null) {
            herald.close();
        }
    }

    // ---------------------------------------------------------------- credentials

    static Stream<Arguments> routes() {
        return Stream.of(
                arguments("GET", "/v2/events"),
                arguments("GET", "/v2/events/some-event"),
                arguments("DELETE", "/v2/events/some-event"),
                arguments("DELETE", "/v2/events"),
                arguments("GET", "/v2/event-types"),
                arguments("GET", "/v2/notifications/endpoints"),
                arguments("GET", "/v2/notifications/deliveries"),
                arguments("GET", "/v2/notifications/deliveries/some-delivery"),
                arguments("GET", "/v2/notifications/endpoints/webhook/configurations"));
    }

    @ParameterizedTest(name = "{0} {1} without credentials is 401")
    @MethodSource("routes")
    void everyRouteRequiresCredentials(String method, String path) {
        ApiResponse answer = anonymous.send(method, path, null, null);

        assertUnauthorized(answer);
    }

    @Test
    void anAnonymousPostStoresNothing() {
        ApiClient acme = scenario.newAccount();

        ApiResponse answer = anonymous.post("/v2/events", Map.of("type", "user.image.analysis.completed",
                "resource", Map.of("account_name", acme.account())));

        assertUnauthorized(answer);
        assertThat(acme.get("/v2/events").json().get("item_count").asInt()).isZero();
    }

    @Test
    void anAnonymousBodyThatIsNotJsonIsUnauthorizedRatherThanABadRequest() {
        assertUnauthorized(anonymous.post("/v2/events", "{\"type\": "));
        assertUnauthorized(anonymous.put("/v2/notifications/endpoints/webhook", "{\"enabled\": fals"));
    }

    @Test
    void anAnonymousPutChangesNoEndpoint() {
        ApiResponse answer = anonymous.put("/v2/notifications/endpoints/webhook", Map.of("enabled", false));

        assertUnauthorized(answer);
        assertThat(webhookEnabled()).isTrue();
    }

    @Test
    void aWrongPasswordIsUnauthorized() {
        ApiClient wrong = anonymous.withCredentials("admin", HeraldInstance.ADMIN_PASSWORD + "x");

        assertUnauthorized(wrong.get("/v2/events"));
        assertUnauthorized(wrong.put("/v2/notifications/endpoints/webhook", Map.of("enabled", false)));
        assertThat(webhookEnabled()).isTrue();
    }

    @Test
    void anEmptyPasswordIsUnauthorized() {
        assertUnauthorized(anonymous.withCredentials("admin", "").get("/v2/events"));
    }

    @Test
    void aUsernameThatIsNotTheAdminIsUnauthorizedEvenWithTheAdminPassword() {
        ApiClient alice = anonymous.withCredentials("alice", HeraldInstance.ADMIN_PASSWORD);

        assertUnauthorized(alice.get("/v2/events"));
    }

    static Stream<Arguments> malformedAuthorizations() {
        return Stream.of(
                arguments("Basic !!!not-base64!!!"),
                arguments("Basic "),
                arguments("Basic " + base64("admin")),
                arguments("Bearer " + base64("admin:" + HeraldInstance.ADMIN_PASSWORD)),
                arguments(base64("admin:" + HeraldInstance.ADMIN_PASSWORD)));
    }

    @ParameterizedTest(name = "Authorization: {0} is 401")
    @MethodSource("malformedAuthorizations")
    void aMalformedAuthorizationIsUnauthorized(String authorization) {
        assertUnauthorized(raw("GET", "/v2/events", Map.of("Authorization", authorization)));
    }

    @Test
    void theAdminWithTheRightPasswordIsLetIn() {
        ApiResponse answer = herald.api().get("/v2/events");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().has("results")).isTrue();
        assertThat(raw("GET", "/v2/notifications/endpoints",
                Map.of("Authorization", "basic " + base64("admin:" + HeraldInstance.ADMIN_PASSWORD))).status())
                .as("the scheme name is case-insensitive").isEqualTo(200);
    }

    @Test
    void anAnswerDoesNotEchoTheRequestsCredentialsOrOtherHeaders() {
        ApiResponse answer = raw("GET", "/v2/events", Map.of(
                "Authorization", "Basic " + base64("admin:" + HeraldInstance.ADMIN_PASSWORD),
                "Cookie", "session=s3cr3t",
                "X-Api-Key", "k3y"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(header(answer, "Authorization")).isNull();
        assertThat(header(answer, "Cookie")).as("headers of the answer: " + answer.headers()).isNull();
        assertThat(header(answer, "X-Api-Key")).as("headers of the answer: " + answer.headers()).isNull();
    }

    // ---------------------------------------------------------------- acting for an account

    @Test
    void actingForAnAccountThatDoesNotExistIsNotFound() {
        ApiResponse answer = herald.api().actingAs("no-such-account").get("/v2/events");

        assertError(answer, 404, "ResourceNotFound");
        assertThat(answer.json().get("message").asText()).contains("no-such-account");
    }

    @Test
    void actingForAnAccountWithoutCredentialsIsStillUnauthorized() {
        ApiClient acme = scenario.newAccount();

        assertUnauthorized(raw("GET", "/v2/events", Map.of("x-anchore-account", acme.account())));
    }

    @Test
    void actingForAnAccountScopesTheRequestToIt() {
        ApiClient admin = herald.api();
        ApiClient acme = scenario.newAccount();
        int adminEventsBefore = admin.get("/v2/events?limit=1000").json().get("item_count").asInt();

        String eventId = scenario.post(acme, Scenario.event("user.image.analysis.completed", "info", "image_tag"));

        JsonNode stored = acme.get("/v2/events/" + eventId).json();
        assertThat(stored.at("/event/resource/account_name").asText()).isEqualTo(acme.account());
        assertThat(acme.get("/v2/events").json().get("results")).extracting(e -> e.get("event_id").asText())
                .containsExactly(eventId);
        assertError(admin.get("/v2/events/" + eventId), 404, "ResourceNotFound");
        assertThat(admin.get("/v2/events?limit=1000").json().get("item_count").asInt()).isEqualTo(adminEventsBefore);
        assertError(scenario.newAccount().get("/v2/events/" + eventId), 404, "ResourceNotFound");
    }

    @Test
    void actingForTheAdminsOwnAccountIsTheSameAsNotActing() {
        ApiClient admin = herald.api();
        String eventId = scenario.post(admin, Scenario.event("system.test.random_wisdom", "info", "wisdom"));

        ApiResponse answer = admin.actingAs("admin").get("/v2/events/" + eventId);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().at("/event/resource/account_name").asText()).isEqualTo("admin");
    }

    // ---------------------------------------------------------------- OpenAPI

    @Test
    void theApiDocumentIsOpenApi3AndNeedsNoCredentials() throws IOException {
        ApiResponse answer = anonymous.get("/api-doc");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/info/title").asText()).isEqualTo("Herald");
        assertThat(fieldNames(document.get("paths"))).contains("/v2/events", "/v2/events/{event_id}",
                "/v2/event-types", "/v2/notifications/endpoints", "/v2/notifications/endpoints/{name}",
                "/v2/notifications/deliveries", "/v2/notifications/deliveries/{uuid}");
        assertThat(fieldNames(document.at("/paths/~1v2~1events"))).contains("get", "post", "delete");
    }

    // ---------------------------------------------------------------- helpers

    private static boolean webhookEnabled() {
        for (JsonNode endpoint : herald.api().get("/v2/notifications/endpoints").json()) {
            if (endpoint.get("name").asText().equals("webhook")) {
                return endpoint.get("enabled").booleanValue();
            }
        }
        throw new AssertionError("no webhook endpoint listed");
    }

    private static void assertUnauthorized(ApiResponse response) {
        assertError(response, 401, "Unauthorized");
        assertThat(header(response, "WWW-Authenticate")).as(response.toString()).startsWith("Basic");
    }

    private static void assertError(ApiResponse response, int status, String errorType) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body).as("error body of " + response).isNotNull();
        assertThat(fieldNames(body)).as(response.toString()).containsExactlyInAnyOrder("code", "error_type", "message", "detail");
        assertThat(body.get("code").asInt()).isEqualTo(status);
        assertThat(body.get("error_type").asText()).isEqualTo(errorType);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.get("detail").isObject()).isTrue();
        assertThat(header(response, "Content-Type")).startsWith("application/json");
    }

    private static String header(ApiResponse response, String name) {
        return response.headers().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream())
                .findFirst().orElse(null);
    }

    /** A request with exactly the given headers, for credentials ApiClient cannot make. */
    private static ApiResponse raw(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(herald.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null) {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
