package dev.herald.api;

import static dev.herald.support.Json.elements;
import static dev.herald.support.Json.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.endpoint.EndpointType;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.ApiTestBase;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The self-describing API: /api-doc is valid OpenAPI 3 with request and response schemas for every
 * operation, the fields of each endpoint type with descriptions, required and secret marks; and
 * Swagger UI at /api-doc/ui is served by Herald itself, with nothing loaded from elsewhere.
 */
class ApiDocumentTest extends ApiTestBase {

    /** The operations that take no request body although they are POSTs. */
    private static final Set<String> BODYLESS_POSTS = Set.of("api-replay-delivery", "api-replay-deliveries",
            "api-duplicate-alert", "api-preview-configuration");

    private static ApiClient anonymous;
    private static JsonNode document;

    @BeforeAll
    static void readTheDocument() {
        anonymous = ApiClient.anonymous(herald.baseUrl());
        ApiResponse answer = anonymous.get("/api-doc");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        document = answer.json();
    }

    @Test
    void theDocumentIsValidOpenApi3() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.toString());

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).hasSizeGreaterThan(20);
        assertThat(document.path("servers").toString()).as("the address Herald listens on is no address to call")
                .doesNotContain("0.0.0.0");
    }

    @Test
    void everyOperationHasItsRequestAndResponseSchemas() {
        List<String> undocumented = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String method = operation.getKey();
            JsonNode op = operation.getValue();
            String name = method.toUpperCase() + " " + path.getKey() + " (" + op.path("operationId").asText() + ")";
            JsonNode ok = op.at("/responses/200");
            boolean answersNothing = method.equals("delete") && ok.has("description") && !ok.has("content");
            if (!answersNothing && ok.at("/content/application~1json/schema").isMissingNode()) {
                undocumented.add(name + ": no response schema");
            }
            if (op.at("/responses/default/content/application~1json/schema/$ref").asText().isEmpty()) {
                undocumented.add(name + ": no error schema");
            }
            boolean takesBody = method.equals("put")
                    || method.equals("post") && !BODYLESS_POSTS.contains(op.path("operationId").asText());
            if (takesBody && op.at("/requestBody/content/application~1json/schema").isMissingNode()) {
                undocumented.add(name + ": no request schema");
            }
        }));

        assertThat(undocumented).isEmpty();
    }

    @Test
    void theConfigurationSchemaIsOneOfTheSixTypes() {
        JsonNode configuration = schema("EndpointConfiguration");

        assertThat(elements(configuration.get("oneOf"))).extracting(ref -> ref.get("$ref").asText())
                .containsExactly("#/components/schemas/SmtpConfiguration", "#/components/schemas/SlackConfiguration",
                        "#/components/schemas/TeamsConfiguration", "#/components/schemas/GithubConfiguration",
                        "#/components/schemas/JiraConfiguration", "#/components/schemas/WebhookConfiguration");
        assertThat(fieldNames(schema("ConfigurationFields").get("properties"))).containsExactlyInAnyOrder("uuid",
                "description", "verify_tls", "timeout_seconds", "rate_limit_per_second", "mute", "mute_except_levels",
                "digest", "enabled", "created_at", "last_updated", "status");
        assertThat(fieldNames(schema("MuteWindow").get("properties"))).containsExactlyInAnyOrder("days", "start", "end",
                "timezone");
        assertThat(fieldNames(schema("Digest").get("properties"))).containsExactlyInAnyOrder("window_seconds",
                "max_events");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "smtp; host port from to; password",
            "slack; url; url",
            "teams; url; url",
            "github; username access_token owner repository; access_token",
            "jira; url username password project_key issue_type; password",
            "webhook; url; password signing_secret"})
    void eachTypesFieldsAreDescribedWithTheRequiredAndTheSecretOnes(String type, String required, String secret) {
        String name = type.substring(0, 1).toUpperCase() + type.substring(1);
        JsonNode fields = schema(name + "Fields");
        assertThat(elements(schema(name + "Configuration").get("allOf"))).extracting(ref -> ref.get("$ref").asText())
                .containsExactly("#/components/schemas/ConfigurationFields", "#/components/schemas/" + name + "Fields");

        assertThat(fieldNames(fields.get("properties")))
                .as("the fields a request for the type may hold").containsExactlyElementsOf(
                        EndpointType.parse(type).orElseThrow().fieldNames());
        fields.get("properties").properties().forEach(field ->
                assertThat(field.getValue().path("description").asText()).as(field.getKey()).isNotBlank());
        assertThat(elements(fields.get("required"))).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(required.split(" "));
        List<String> secrets = new ArrayList<>();
        fields.get("properties").properties().forEach(field -> {
            if (field.getValue().path("x-secret").asBoolean()) {
                secrets.add(field.getKey());
            }
        });
        assertThat(secrets).containsExactly(secret.split(" "));
    }

    @Test
    void swaggerUiIsServedByHeraldAndLoadsNothingFromElsewhere() {
        for (String page : List.of("/api-doc/ui", "/api-doc/ui/", "/api-doc/ui/index.html")) {
            ApiResponse html = anonymous.get(page);
            assertThat(html.status()).as(page + " " + html).isEqualTo(200);
            assertThat(html.header("Content-Type")).startsWith("text/html");
            assertThat(html.body()).doesNotContainPattern("(src|href)=\"(https?:)?//");

            Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html.body());
            List<String> loaded = new ArrayList<>();
            while (assets.find()) {
                loaded.add(assets.group(1));
            }
            assertThat(loaded).contains("/api-doc/ui/swagger-ui-bundle.js", "/api-doc/ui/swagger-initializer.js");
            for (String asset : loaded) {
                ApiResponse file = anonymous.get(asset);
                assertThat(file.status()).as(asset).isEqualTo(200);
                assertThat(file.body()).as(asset).isNotEmpty();
            }
        }
        ApiResponse initializer = anonymous.get("/api-doc/ui/swagger-initializer.js");
        assertThat(initializer.body()).contains("url: \"/api-doc\"").doesNotContain("petstore");
        assertThat(anonymous.get("/api-doc/ui/swagger-ui-bundle.js").header("Content-Type")).startsWith("text/javascript");
    }

    @Test
    void anythingElseUnderTheUiIsNotFound() {
        for (String missing : List.of("/api-doc/ui/nothing.js", "/api-doc/ui/META-INF/MANIFEST.MF",
                "/api-doc/ui/pom.properties")) {
            assertThat(anonymous.get(missing).status()).as(missing).isEqualTo(404);
        }
        // a path naming something else is refused before any route, as on every path
        assertThat(anonymous.get("/api-doc/ui/..%2F..%2Fapplication.properties").status()).isEqualTo(400);
    }

    private static JsonNode schema(String name) {
        JsonNode schema = document.at("/components/schemas/" + name);
        assertThat(schema.isMissingNode()).as("schema " + name).isFalse();
        return schema;
    }
}
