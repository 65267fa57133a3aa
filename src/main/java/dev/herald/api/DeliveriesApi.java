package dev.herald.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.delivery.Delivery;
import dev.herald.delivery.DeliveryQuery;
import dev.herald.delivery.DeliveryState;
import dev.herald.endpoint.EndpointType;
import java.time.Instant;
import org.apache.camel.Exchange;

/** {@code /v2/notifications/deliveries}: the delivery history of the caller's account. */
final class DeliveriesApi {

    /** A delivery as the API shows it. */
    record DeliveryView(
            String uuid,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("configuration_uuid") String configurationUuid,
            String endpoint,
            String state,
            int attempts,
            @JsonProperty("next_attempt_at") String nextAttemptAt,
            @JsonProperty("last_status_code") Integer lastStatusCode,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("external_id") String externalId,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("delivered_at") String deliveredAt) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.uuid(), delivery.eventId(), delivery.configurationUuid(),
                    delivery.endpointType().apiName(), delivery.state().apiName(), delivery.attempts(),
                    text(delivery.nextAttemptAt()), delivery.lastStatusCode(), delivery.lastError(),
                    delivery.externalId(), text(delivery.createdAt()), text(delivery.updatedAt()),
                    text(delivery.deliveredAt()));
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    private final ApiServices services;

    DeliveriesApi(ApiServices services) {
        this.services = services;
    }

    public Page list(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        DeliveryQuery query = new DeliveryQuery(
                request.account(),
                request.queryOneOf("state", DeliveryState::parse, "pending, delivered, failed, suppressed"),
                request.queryOneOf("endpoint", EndpointType::parse, "smtp, slack, teams, github, jira, webhook"),
                request.query("configuration_uuid"),
                request.query("event_id"),
                request.queryInstant("since"),
                request.page(),
                request.limit());
        return Page.of(services.deliveries().list(query), query.page(), query.limit(), DeliveryView::of);
    }

    public DeliveryView get(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return services.deliveries().find(request.account(), request.path("uuid"))
                .map(DeliveryView::of)
                .orElseThrow(() -> ApiException.notFound("delivery"));
    }
}
