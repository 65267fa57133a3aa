package dev.herald.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.endpoint.settings.WebhookSettings;
import dev.herald.event.EventTypeCatalogue.KnownType;
import dev.herald.validation.InvalidInputException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * {@code POST …/configurations/{uuid}/preview} and {@code POST …/{endpoint_type}/preview} (a
 * configuration not saved, in the body): what a webhook configuration would send for a sample
 * event of a catalogue type ({@code event_type}), rendered and not sent.
 */
final class PreviewsApi {

    /** The type previewed when the request names none: the one with the richest details. */
    static final String DEFAULT_EVENT_TYPE = "user.checks.tag.vulnerabilities.update";

    private final ApiServices services;
    private final ConfigurationsApi configurations;

    PreviewsApi(ApiServices services, ConfigurationsApi configurations) {
        this.services = services;
        this.configurations = configurations;
    }

    public Preview preview(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return render(request, configurations.find(request, request.path("uuid")));
    }

    public Preview previewUnsaved(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return render(request, configurations.read(request, request.endpointType(), null, null));
    }

    private Preview render(ApiRequest request, EndpointConfiguration configuration) {
        if (configuration.type() != EndpointType.WEBHOOK) {
            throw new InvalidInputException("endpoint_type", "a preview shows a webhook's body; "
                    + configuration.type() + " configurations have no body_template");
        }
        String eventType = request.query("event_type") == null ? DEFAULT_EVENT_TYPE : request.query("event_type");
        KnownType type = services.eventTypes().find(eventType).orElseThrow(() ->
                new InvalidInputException("event_type", "is not a type of the event catalogue (GET /v2/event-types)"));
        WebhookSettings settings = (WebhookSettings) configuration.settings();
        return new Preview(type.type(), "application/json",
                settings.headers() == null ? Map.of() : settings.headers(),
                services.webhookBodies().preview(configuration, type));
    }

    @Schema(name = "ConfigurationPreview", description = "What a webhook configuration would send for a sample event "
            + "of event_type: its static headers and the body, rendered, not sent")
    record Preview(@Schema(description = "The catalogue type of the sample event") @JsonProperty("event_type")
                   String eventType,
                   @Schema(description = "The body's content type") @JsonProperty("content_type") String contentType,
                   @Schema(description = "The configuration's static headers") Map<String, String> headers,
                   @Schema(description = "The exact body that would be sent") String body) {
    }
}
