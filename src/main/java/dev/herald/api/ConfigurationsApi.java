package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.delivery.message.ConfigurationTemplates;
import dev.herald.delivery.message.ConfigurationTemplates.TemplateSyntaxException;
import dev.herald.delivery.outcome.DeliveryOutcome;
import dev.herald.endpoint.ConfigurationStatus;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.endpoint.PrivateAddresses;
import dev.herald.endpoint.Digest;
import dev.herald.endpoint.quiet.QuietHours;
import dev.herald.endpoint.settings.EndpointSettings;
import dev.herald.endpoint.settings.MessageTemplates;
import dev.herald.endpoint.settings.WebhookSettings;
import dev.herald.validation.JsonInput;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;

/**
 * {@code /v2/notifications/endpoints/{endpoint_type}/configurations}: the configuration CRUD of
 * every endpoint type, in the caller's account. Secrets are never returned.
 */
final class ConfigurationsApi {

    /** The longest {@code timeout_seconds} a configuration may ask for. */
    private static final int MAX_TIMEOUT_SECONDS = 300;
    /** The highest {@code rate_limit_per_second} a configuration may set. */
    private static final int MAX_RATE_LIMIT = 1000;
    /** The fields every configuration takes, whatever its type. */
    private static final List<String> COMMON_FIELDS = List.of("description", "verify_tls", "timeout_seconds",
            "rate_limit_per_second", "enabled");
    /**
     * The fields an answer shows that a request may send back unchanged (a client that reads a
     * configuration, changes a field and PUTs it back): ignored, since Herald sets them.
     */
    private static final List<String> ANSWERED_FIELDS = List.of("uuid", "created_at", "last_updated", "status");

    private final ApiServices services;
    /** Checks the title and text templates of the message types when saved. */
    private final ConfigurationTemplates messageTemplates = new ConfigurationTemplates();

    ConfigurationsApi(ApiServices services) {
        this.services = services;
    }

    public List<ObjectNode> list(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return services.configurations().list(request.account(), request.endpointType()).stream()
                .map(this::view).toList();
    }

    public ObjectNode create(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        EndpointConfiguration configuration = read(request, request.endpointType(), UUID.randomUUID().toString(), null);
        services.configurations().insert(configuration);
        return withGeneratedSecrets(view(configuration), request, configuration);
    }

    public ObjectNode get(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return view(find(request, request.path("uuid")));
    }

    /** Replaces the configuration; secrets the body omits (or sends back masked) are kept. */
    public ObjectNode update(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        EndpointConfiguration stored = find(request, request.path("uuid"));
        EndpointConfiguration read = read(request, stored.type(), stored.uuid(), stored);
        EndpointConfiguration updated = new EndpointConfiguration(stored.uuid(), stored.account(), stored.type(),
                read.description(), read.verifyTls(), read.timeoutSeconds(), read.rateLimitPerSecond(), read.quietHours(),
                read.digest(), read.settings(), stored.status(), read.enabled(), stored.createdAt(), read.lastUpdated());
        if (!services.configurations().update(updated)) {
            throw ApiException.notFound("configuration");
        }
        return withGeneratedSecrets(view(updated), request, updated);
    }

    public void delete(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        if (!services.configurations().delete(request.account(), request.endpointType(), request.path("uuid"))) {
            throw ApiException.notFound("configuration");
        }
        request.answerEmpty();
    }

    public Map<String, String> status(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return Map.of("status", find(request, request.path("uuid")).status().apiName());
    }

    /** {@code POST …/{endpoint_type}/test}: sends a test event to a configuration that is not saved. */
    public TestResult testUnsaved(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return TestResult.of(services.tests().send(read(request, request.endpointType(), null, null)));
    }

    /** {@code GET …/configurations/{uuid}/test}: sends a test event; the outcome sets the configuration's status. */
    public TestResult test(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        EndpointConfiguration configuration = find(request, request.path("uuid"));
        DeliveryOutcome outcome = services.tests().send(configuration);
        services.configurations().recordStatus(Map.of(configuration.uuid(),
                outcome.isDelivered() ? ConfigurationStatus.HEALTHY : ConfigurationStatus.UNHEALTHY), services.clock().instant());
        return TestResult.of(outcome);
    }

    /** Anchore's test answer: {@code status} success or failure, {@code response} what the receiver said. */
    @Schema(name = "NotificationTestResult", description = "status success or failure; response: what the receiver answered")
    record TestResult(String status, String response) {

        static TestResult of(DeliveryOutcome outcome) {
            if (outcome.isDelivered()) {
                String accepted = outcome.statusCode() == null ? "accepted" : "accepted with status " + outcome.statusCode();
                return new TestResult("success",
                        outcome.externalId() == null ? accepted : accepted + ", issue " + outcome.externalId());
            }
            return new TestResult("failure", outcome.error());
        }
    }

    /**
     * A configuration from the request body: Anchore's common fields and the type's own.
     *
     * @param stored the configuration being replaced (its secrets are kept when the body omits them), or null
     */
    EndpointConfiguration read(ApiRequest request, EndpointType type, String uuid, EndpointConfiguration stored)
            throws JsonProcessingException {
        return read(request.body(), "", request.account(), type, uuid, stored);
    }

    /**
     * A configuration from {@code body}, with exactly the checks of a POST; {@code path} prefixes
     * the fields the errors name (an imported file's {@code configurations[2]}).
     */
    EndpointConfiguration read(JsonNode body, String path, String account, EndpointType type, String uuid,
            EndpointConfiguration stored) {
        JsonInput input = JsonInput.ofObject(body, path);
        input.throwIfInvalid();
        input.rejectUnknownFields(knownFields(type));
        String description = input.optionalText("description", 250);
        Boolean verifyTls = input.optionalBoolean("verify_tls");
        Integer timeoutSeconds = input.optionalInt("timeout_seconds", 1, MAX_TIMEOUT_SECONDS);
        Integer rateLimit = input.optionalInt("rate_limit_per_second", 1, MAX_RATE_LIMIT);
        QuietHours quietHours = QuietHours.read(input);
        Digest digest = Digest.read(input);
        // left out: a new configuration is enabled, a replaced one keeps its switch, so an edit made
        // for another reason does not switch back on what Herald disabled
        Boolean enabled = input.optionalBoolean("enabled");
        Instant now = services.clock().instant();
        EndpointSettings settings = type.readSettings(input, stored == null ? null : stored.settings(), now);
        if (!services.allowPrivateTargets()) {
            refusePrivateAsWritten(input, settings);
        }
        if (settings instanceof WebhookSettings webhook && webhook.bodyTemplate() != null) {
            services.webhookBodies().problem(webhook.bodyTemplate(), account)
                    .ifPresent(problem -> input.reject(input.field("body_template"), problem));
        }
        if (settings instanceof MessageTemplates own) {
            checkTemplate(input, "title_template", own.titleTemplate());
            checkTemplate(input, "text_template", own.textTemplate());
        }
        input.throwIfInvalid();
        return new EndpointConfiguration(uuid, account, type, description, verifyTls == null || verifyTls,
                timeoutSeconds, rateLimit, quietHours, digest, settings, ConfigurationStatus.UNKNOWN,
                enabled != null ? enabled : stored == null || stored.enabled(), now, now);
    }

    /** What a request for the type may hold; anything else is refused, naming it (a misspelt field would do nothing). */
    private void checkTemplate(JsonInput input, String field, String template) {
        if (template != null) {
            try {
                messageTemplates.checkText(field, template);
            } catch (TemplateSyntaxException e) {
                input.reject(input.field(field), e.getMessage());
            }
        }
    }

    private static Set<String> knownFields(EndpointType type) {
        Set<String> known = new HashSet<>(COMMON_FIELDS);
        known.addAll(QuietHours.FIELDS);
        known.add(Digest.FIELD);
        known.addAll(ANSWERED_FIELDS);
        known.addAll(type.fieldNames());
        return known;
    }

    /**
     * With {@code herald.http.allow-private-targets} false, a URL whose host is private as written
     * (a private IP literal, or a name private by definition such as localhost) is refused when saved
     * or tested. Any other host name is judged when a delivery resolves it, since what it resolves
     * to may change after it is saved.
     */
    private static void refusePrivateAsWritten(JsonInput input, EndpointSettings settings) {
        settings.targetUrl()
                .flatMap(url -> PrivateAddresses.privateAsWritten(URI.create(url).getHost()))
                .ifPresent(why -> input.reject(input.field("url"), "must not point at a private address ("
                        + why + ") while herald.http.allow-private-targets is false"));
    }

    /** The configuration in the path, if it is the caller's account's and of the path's type. */
    EndpointConfiguration find(ApiRequest request, String uuid) {
        return services.configurations().find(request.account(), request.endpointType(), uuid)
                .orElseThrow(() -> ApiException.notFound("configuration"));
    }

    /** The answer to the request that had Herald generate a secret: the one time it is shown in plain. */
    private ObjectNode withGeneratedSecrets(ObjectNode view, ApiRequest request, EndpointConfiguration configuration)
            throws JsonProcessingException {
        configuration.settings().generatedSecrets(JsonInput.ofObject(request.body(), "")).forEach(view::put);
        return view;
    }

    ObjectNode view(EndpointConfiguration configuration) {
        ObjectNode node = services.json().createObjectNode();
        node.put("uuid", configuration.uuid());
        node.put("description", configuration.description());
        node.put("verify_tls", configuration.verifyTls());
        node.put("timeout_seconds", configuration.timeoutSeconds());
        node.put("rate_limit_per_second", configuration.rateLimitPerSecond());
        configuration.quietHours().writeTo(node);
        Digest.writeTo(configuration.digest(), node);
        node.put("enabled", configuration.enabled());
        node.setAll((ObjectNode) services.json().valueToTree(configuration.settings().masked()));
        node.put("created_at", configuration.createdAt().toString());
        node.put("last_updated", configuration.lastUpdated().toString());
        // also at …/{uuid}/status; here too so a listing shows every configuration's health in one call
        node.put("status", configuration.status().apiName());
        // an optional field that is not set is left out: Anchore's schemas type them as string or
        // integer, and refuse null
        node.properties().removeIf(field -> field.getValue().isNull());
        return node;
    }
}
