package dev.herald.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.delivery.table.Delivery;
import dev.herald.delivery.table.DeliveryAttempt;
import dev.herald.delivery.table.DeliveryQuery;
import dev.herald.delivery.table.DeliveryState;
import dev.herald.endpoint.EndpointType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** {@code /v2/notifications/deliveries}: the delivery history of the caller's account. */
final class DeliveriesApi {

    /** A delivery as the API shows it. */
    @Schema(name = "Delivery", description = "One event to one configuration; state pending, delivered, dead or suppressed")
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
            @JsonProperty("delivered_at") String deliveredAt,
            @JsonProperty("replayed_at") String replayedAt,
            @Schema(description = "Herald: the digest it went out in (its configuration has a digest); "
                    + "?digest_id= lists the deliveries one digest carried. Left out when none")
            @JsonProperty("digest_id") @JsonInclude(JsonInclude.Include.NON_NULL) String digestId) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.uuid(), delivery.eventId(), delivery.configurationUuid(),
                    delivery.endpointType().apiName(), delivery.state().apiName(), delivery.attempts(),
                    text(delivery.nextAttemptAt()), delivery.lastStatusCode(), delivery.lastError(),
                    delivery.externalId(), text(delivery.createdAt()), text(delivery.updatedAt()),
                    text(delivery.deliveredAt()), text(delivery.replayedAt()), delivery.digestId());
        }
    }

    /** One attempt of a delivery's {@code attempts_history}. */
    @Schema(name = "DeliveryAttempt")
    record AttemptView(
            int attempt,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("finished_at") String finishedAt,
            @JsonProperty("status_code") Integer statusCode,
            String error,
            String outcome) {

        static AttemptView of(DeliveryAttempt attempt) {
            return new AttemptView(attempt.attempt(), text(attempt.startedAt()), text(attempt.finishedAt()),
                    attempt.statusCode(), attempt.error(), attempt.outcome().apiName());
        }
    }

    /** The answer to a bulk replay. */
    @Schema(name = "DeliveriesReplayed")
    record Replayed(int replayed) {
    }

    private final ApiServices services;

    DeliveriesApi(ApiServices services) {
        this.services = services;
    }

    public Page list(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        DeliveryQuery query = new DeliveryQuery(
                request.account(),
                request.queryOneOf("state", DeliveryState::parse, "pending, delivered, dead, suppressed"),
                request.queryOneOf("endpoint", EndpointType::parse, "smtp, slack, teams, github, jira, webhook"),
                request.query("configuration_uuid"),
                request.query("event_id"),
                request.query("digest_id"),
                request.queryInstant("since"),
                request.page(),
                request.limit());
        return Page.of(services.deliveries().list(query), query.page(), query.limit(), DeliveryView::of);
    }

    /** {@code GET /v2/notifications/delivery-counts}: how many deliveries of the account are in each state. */
    public Map<String, Long> counts(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        Map<String, Long> counts = new LinkedHashMap<>();
        services.deliveries().countByState(request.account()).forEach((state, n) -> counts.put(state.apiName(), n));
        return counts;
    }

    /** One delivery with its {@code attempts_history}, which the list leaves out. */
    public ObjectNode get(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return detail(request.account(), request.path("uuid"));
    }

    /** {@code POST …/deliveries/{uuid}/retry}: a dead or suppressed delivery back in the queue, due now. */
    public ObjectNode replay(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        String uuid = request.path("uuid");
        switch (services.replay().replay(request.account(), uuid)) {
            case NOT_FOUND -> throw ApiException.notFound("delivery");
            case NOT_REPLAYABLE -> throw new ApiException(ApiErrorType.CONFLICT,
                    "only dead or suppressed deliveries can be replayed; this one is delivered or pending");
            case REPLAYED -> {
                // answered below with the delivery as it now stands
            }
        }
        return detail(request.account(), uuid);
    }

    /** {@code POST …/deliveries/retry?state=dead}: every dead (or suppressed) delivery of the account, or of one configuration. */
    public Replayed replayAll(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        DeliveryState state = request.queryOneOf("state", text -> DeliveryState.parse(text)
                .filter(parsed -> parsed == DeliveryState.DEAD || parsed == DeliveryState.SUPPRESSED), "dead, suppressed");
        return new Replayed(services.replay().replayAll(request.account(), state == null ? DeliveryState.DEAD : state,
                request.query("configuration_uuid")));
    }

    private ObjectNode detail(String account, String uuid) {
        Delivery delivery = services.deliveries().find(account, uuid).orElseThrow(() -> ApiException.notFound("delivery"));
        ObjectNode detail = services.json().valueToTree(DeliveryView.of(delivery));
        detail.set("attempts_history", services.json().valueToTree(
                services.deliveries().attempts(uuid).stream().map(AttemptView::of).toList()));
        return detail;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
