package dev.herald.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.herald.scanning.alert.Alert;
import dev.herald.scanning.alert.AlertListing;
import dev.herald.scanning.alert.AlertReader;
import dev.herald.scanning.alert.AlertSettings;
import dev.herald.scanning.alert.RepositoryPattern;
import dev.herald.scanning.alert.Trigger;
import dev.herald.validation.InvalidInputException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;

/**
 * {@code /api/scanning/v1/alerts}: Sysdig's scanning alerts API, in the caller's account. Writes
 * answer 200 with the alert, as Anchore's do.
 */
final class AlertsApi {

    /** An alert in Sysdig's shape. */
    @Schema(name = "ScanningAlert", description = "A scanning alert in Sysdig's shape; alertId, createdAt and updatedAt are answered, not read")
    record AlertView(String alertId, String name, String description, boolean enabled, String type, String scope,
            List<RepositoryPattern> repositories, TriggersView triggers, boolean onlyPassFail, boolean autoscan,
            boolean skipEventSend, List<String> notificationChannelIds, String createdAt, String updatedAt) {

        static AlertView of(Alert alert) {
            AlertSettings settings = alert.settings();
            return new AlertView(alert.alertId(), settings.name(), settings.description(), settings.enabled(),
                    settings.type().apiName(), settings.scope(), settings.repositories(), TriggersView.of(settings),
                    settings.onlyPassFail(), settings.sysdig().autoscan(), settings.sysdig().skipEventSend(),
                    settings.notificationChannelIds(), alert.createdAt().toString(), alert.updatedAt().toString());
        }
    }

    @Schema(name = "ScanningAlertTriggers")
    record TriggersView(boolean unscanned, @JsonProperty("analysis_update") boolean analysisUpdate,
            @JsonProperty("policy_eval") boolean policyEval, @JsonProperty("vuln_update") boolean vulnUpdate, boolean failed) {

        static TriggersView of(AlertSettings settings) {
            return new TriggersView(settings.triggers().contains(Trigger.UNSCANNED),
                    settings.triggers().contains(Trigger.ANALYSIS_UPDATE), settings.triggers().contains(Trigger.POLICY_EVAL),
                    settings.triggers().contains(Trigger.VULN_UPDATE), settings.sysdig().failedTrigger());
        }
    }

    /** A page of the listing; {@code next_cursor} is null on the last page. */
    @Schema(name = "ScanningAlertList")
    record AlertList(List<AlertView> alerts, ResponseMetadata responseMetadata) {
    }

    @Schema(name = "ResponseMetadata")
    record ResponseMetadata(@JsonProperty("next_cursor") String nextCursor) {
    }

    private static final int MAX_NAME_SEARCH = AlertSettings.MAX_NAME_LENGTH;

    private final ApiServices services;

    AlertsApi(ApiServices services) {
        this.services = services;
    }

    /** {@code ?limit=&cursor=&name=}: oldest first; name matches any part of the alert's name, in any case. */
    public AlertList list(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        int limit = request.limit();
        Long after = AlertCursor.read(request.query("cursor"));
        String name = request.query("name");
        if (name != null && name.length() > MAX_NAME_SEARCH) {
            throw new InvalidInputException("name", "must be at most " + MAX_NAME_SEARCH + " characters");
        }
        AlertListing listing = services.alerts().list(request.account(), name, after, limit);
        return new AlertList(listing.alerts().stream().map(AlertView::of).toList(),
                new ResponseMetadata(listing.nextAfter() == null ? null : AlertCursor.of(listing.nextAfter())));
    }

    public AlertView create(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        Instant now = services.clock().instant();
        Alert alert = new Alert(UUID.randomUUID().toString(), request.account(), read(request), now, now);
        services.alerts().insert(alert);
        return AlertView.of(alert);
    }

    public AlertView get(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return AlertView.of(find(request));
    }

    /** Replaces the whole alert: what the body omits takes its default. */
    public AlertView update(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        Alert stored = find(request);
        Alert updated = new Alert(stored.alertId(), stored.account(), read(request), stored.createdAt(),
                services.clock().instant());
        if (!services.alerts().update(updated)) {
            throw ApiException.notFound("alert");
        }
        return AlertView.of(updated);
    }

    public void delete(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        if (!services.alerts().delete(request.account(), request.path("alertId"))) {
            throw ApiException.notFound("alert");
        }
        request.answerEmpty();
    }

    /** A copy named "Copy of …", with a new id, in the same account. */
    public AlertView duplicate(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        Alert original = find(request);
        Instant now = services.clock().instant();
        Alert copy = new Alert(UUID.randomUUID().toString(), original.account(), original.settings().copy(), now, now);
        services.alerts().insert(copy);
        return AlertView.of(copy);
    }

    private AlertSettings read(ApiRequest request) throws JsonProcessingException {
        return AlertReader.read(request.body(), services.configurations().uuidsOf(request.account()));
    }

    /** The alert in the path, if it is the caller's account's. */
    private Alert find(ApiRequest request) {
        return services.alerts().find(request.account(), request.path("alertId"))
                .orElseThrow(() -> ApiException.notFound("alert"));
    }
}
