package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertError;
import static dev.herald.support.Json.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTP Basic authentication, acting for an account with x-anchore-account, and the open /api-doc. */
class AuthenticationTest extends ApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ApiClient anonymous;

    @BeforeAll
    static void start() {
        anonymous = ApiClient.anonymous(herald.baseUrl());
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
        assertUnauthorized(anonymous.withHeaders(Map.of("Authorization", authorization)).get("/v2/events"));
    }

    @Test
    void theAdminWithTheRightPasswordIsLetIn() {
        ApiResponse answer = herald.api().get("/v2/events");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().has("results")).isTrue();
        assertThat(anonymous.withHeaders(Map.of("Authorization", "basic " + base64("admin:" + HeraldInstance.ADMIN_PASSWORD)))
                .get("/v2/notifications/endpoints").status())
                .as("the scheme name is case-insensitive").isEqualTo(200);
    }

    @Test
    void anAnswerDoesNotEchoTheRequestsCredentialsOrOtherHeaders() {
        ApiResponse answer = anonymous.withHeaders(Map.of(
                "Authorization", "Basic " + base64("admin:" + HeraldInstance.ADMIN_PASSWORD),
                "Cookie", "session=s3cr3t",
                "X-Api-Key", "k3y")).get("/v2/events");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Authorization")).isNull();
        assertThat(answer.header("Cookie")).as("headers of the answer: " + answer.headers()).isNull();
        assertThat(answer.header("X-Api-Key")).as("headers of the answer: " + answer.headers()).isNull();
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

        assertUnauthorized(anonymous.withHeaders(Map.of("x-anchore-account", acme.account())).get("/v2/events"));
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
        assertThat(response.header("WWW-Authenticate")).as(response.toString()).startsWith("Basic");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
