package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.endpoint.Endpoint;
import dev.herald.endpoint.EndpointType;
import dev.herald.validation.InvalidInputException;
import dev.herald.validation.JsonInput;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * {@code /v2/notifications/endpoints}: the six endpoint types and their system-wide switch,
 * which only users of the admin account may turn.
 */
final class EndpointsApi {

    @Schema(name = "NotificationEndpoint")
    record EndpointView(String name, boolean enabled, @JsonProperty("last_updated") String lastUpdated) {
    }

    @Schema(name = "NotificationEndpointEnabledStatus")
    record EnabledStatusView(boolean enabled, @JsonProperty("last_updated") String lastUpdated) {
    }

    private final ApiServices services;

    EndpointsApi(ApiServices services) {
        this.services = services;
    }

    public List<EndpointView> list(Exchange exchange) {
        return services.endpoints().list().stream()
                .map(endpoint -> new EndpointView(endpoint.type().apiName(), endpoint.enabled(),
                        endpoint.lastUpdated().toString()))
                .toList();
    }

    public EnabledStatusView update(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        String name = request.path("name");
        EndpointType type = EndpointType.parse(name).orElseThrow(() -> ApiException.notFound("endpoint '" + name + "'"));
        if (!request.caller().isAdmin()) {
            throw ApiException.forbidden("only users of the admin account may enable or disable an endpoint");
        }
        JsonInput input = JsonInput.ofObject(request.body(), "");
        input.throwIfInvalid();
        Boolean enabled = input.optionalBoolean("enabled");
        input.throwIfInvalid();
        if (enabled == null) {
            throw new InvalidInputException("enabled", "is required");
        }
        Endpoint endpoint = services.endpoints().setEnabled(type, enabled, services.clock().instant());
        return new EnabledStatusView(endpoint.enabled(), endpoint.lastUpdated().toString());
    }
}
