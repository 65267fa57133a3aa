package dev.herald.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.delivery.ConfigurationPreviews;
import dev.herald.event.EventTypeCatalogue.KnownType;
import dev.herald.validation.InvalidInputException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * {@code POST …/configurations/{uuid}/preview} and {@code POST …/{endpoint_type}/preview} (a
 * configuration not saved, in the body): what a configuration of any type would send for a sample
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
        // a saved configuration being edited: the secrets the form leaves out are its saved ones
        String saved = request.query("configuration");
        EndpointConfiguration stored = saved == null ? null : configurations.find(request, saved);
        return render(request, configurations.read(request, request.endpointType(), saved, stored));
    }

    private Preview render(ApiRequest request, EndpointConfiguration configuration) {
        String eventType = request.query("event_type") == null ? DEFAULT_EVENT_TYPE : request.query("event_type");
        KnownType type = services.eventTypes().find(eventType).orElseThrow(() ->
                new InvalidInputException("event_type", "is not a type of the event catalogue (GET /v2/event-types)"));
        ConfigurationPreviews.Rendered rendered = services.previews().preview(configuration, type);
        return new Preview(type.type(), rendered.contentType(), rendered.headers(), rendered.subject(), rendered.body(),
                rendered.textBody());
    }

    @Schema(name = "ConfigurationPreview", description = "What a configuration would send for a sample event of "
            + "event_type, rendered, not sent: a webhook's body and static headers, the JSON of a Slack message, a "
            + "Teams card or a new GitHub or Jira issue, a mail's subject, HTML and plain text")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Preview(@Schema(description = "The catalogue type of the sample event") @JsonProperty("event_type")
                   String eventType,
                   @Schema(description = "The body's content type") @JsonProperty("content_type") String contentType,
                   @Schema(description = "A webhook's static headers") Map<String, String> headers,
                   @Schema(description = "A mail's subject") String subject,
                   @Schema(description = "The exact body that would be sent") String body,
                   @Schema(description = "A mail's plain-text alternative") @JsonProperty("text_body") String textBody) {
    }
}
