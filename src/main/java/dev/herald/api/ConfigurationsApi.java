package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.endpoint.ConfigurationStatus;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.endpoint.settings.EndpointSettings;
import dev.herald.validation.JsonInput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;

/**
 * {@code /v2/notifications/endpoints/{endpoint_type}/configurations}: the configuration CRUD of
 * every endpoint type, in the caller's account. Secrets are never returned.
 */
final class ConfigurationsApi {

    private final ApiServices services;

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
        EndpointType type = request.endpointType();
        JsonInput input = JsonInput.ofObject(request.body(), "");
        input.throwIfInvalid();
        String description = input.optionalText("description", 250);
        Boolean verifyTls = input.optionalBoolean("verify_tls");
        EndpointSettings settings = type.readSettings(input, null);
        input.throwIfInvalid();
        Instant now = services.clock().instant();
        EndpointConfiguration configuration = new EndpointConfiguration(UUID.randomUUID().toString(),
                request.account(), type, description, verifyTls == null || verifyTls, settings,
                ConfigurationStatus.UNKNOWN, now, now);
        services.configurations().insert(configuration);
        return view(configuration);
    }

    public ObjectNode get(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return view(find(request, request.path("uuid")));
    }

    /** Replaces the configuration; secrets the body omits (or sends back masked) are kept. */
    public ObjectNode update(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        EndpointConfiguration stored = find(request, request.path("uuid"));
        JsonInput input = JsonInput.ofObject(request.body(), "");
        input.throwIfInvalid();
        String description = input.optionalText("description", 250);
        Boolean verifyTls = input.optionalBoolean("verify_tls");
        EndpointSettings settings = stored.type().readSettings(input, stored.settings());
        input.throwIfInvalid();
        EndpointConfiguration updated = new EndpointConfiguration(stored.uuid(), stored.account(), stored.type(),
                description, verifyTls == null || verifyTls, settings, stored.status(), stored.createdAt(),
                services.clock().instant());
        if (!services.configurations().update(updated)) {
            throw ApiException.notFound("configuration");
        }
        return view(updated);
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

    /** The configuration in the path, if it is the caller's account's and of the path's type. */
    EndpointConfiguration find(ApiRequest request, String uuid) {
        return services.configurations().find(request.account(), request.endpointType(), uuid)
                .orElseThrow(() -> ApiException.notFound("configuration"));
    }

    private ObjectNode view(EndpointConfiguration configuration) {
        ObjectNode node = services.json().createObjectNode();
        node.put("uuid", configuration.uuid());
        node.put("description", configuration.description());
        node.put("verify_tls", configuration.verifyTls());
        node.setAll((ObjectNode) services.json().valueToTree(configuration.settings().masked()));
        node.put("created_at", configuration.createdAt().toString());
        node.put("last_updated", configuration.lastUpdated().toString());
        return node;
    }
}
