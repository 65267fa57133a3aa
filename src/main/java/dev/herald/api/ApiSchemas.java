package dev.herald.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.api.DeliveriesApi.AttemptView;
import dev.herald.api.DeliveriesApi.DeliveryView;
import dev.herald.api.SelectorsApi.EventSelectorView;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;

/**
 * How /api-doc describes the bodies that Herald builds as JSON trees or maps rather than records
 * (events, delivery details, scanning answers) and the request bodies that have no record of their
 * own. Documentation only: no answer is built from these types, and the API tests check the answers.
 */
final class ApiSchemas {

    private ApiSchemas() {
    }

    @Schema(name = "EventSource", description = "What sent the event; fields that are not set are left out")
    record EventSource(@JsonProperty("service_name") String serviceName, @JsonProperty("host_id") String hostId,
            @JsonProperty("base_url") String baseUrl, @JsonProperty("request_id") String requestId) {
    }

    @Schema(name = "EventResource", description = "What the event is about")
    record EventResource(@JsonProperty("account_name") String accountName,
            @Schema(description = "image_tag, image_digest, repository, feeds, service, runtime_image …") String type,
            String id) {
    }

    @Schema(name = "Event", description = "An event in Anchore's shape")
    record Event(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Dotted type, such as user.checks.tag.policy_evaluation.update")
            String type,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"info", "error"}) String level,
            @Schema(description = "The first part of the type (user or system); answered, not read") String category,
            @Schema(description = "The catalogue's message for the type unless set") String message,
            @Schema(description = "The type's details, any JSON object") Map<String, Object> details,
            @Schema(description = "When it happened; now unless set", format = "date-time") String timestamp,
            @Schema(requiredMode = RequiredMode.REQUIRED) EventResource resource,
            EventSource source) {
    }

    @Schema(name = "EventResponse", description = "A stored event, as Anchore's API answers it")
    record EventRecord(@JsonProperty("event_id") String eventId,
            @Schema(format = "date-time") @JsonProperty("created_at") String createdAt, Event event) {
    }

    @Schema(name = "EventsList", description = "A page of events, newest first")
    record EventPage(List<EventRecord> results, @JsonProperty("next_page") boolean nextPage,
            @JsonProperty("item_count") int itemCount, int page) {
    }

    @Schema(name = "DeliveriesList", description = "A page of deliveries, newest first")
    record DeliveryPage(List<DeliveryView> results, @JsonProperty("next_page") boolean nextPage,
            @JsonProperty("item_count") int itemCount, int page) {
    }

    @Schema(name = "DeliveryCounts", description = "How many deliveries of the account are in each state")
    record DeliveryCounts(long pending, long delivered, long dead, long suppressed) {
    }

    @Schema(name = "DeliveryAttempts", description = "The history of a delivery's attempts")
    record DeliveryAttempts(@JsonProperty("attempts_history") List<AttemptView> attemptsHistory) {
    }

    @Schema(name = "DeliveryDetail", description = "A delivery with the history of its attempts",
            allOf = {DeliveryView.class, DeliveryAttempts.class})
    interface DeliveryDetail {
    }

    @Schema(name = "NotificationSelectorRequest", description = "A selector: scope and event, all four fields "
            + "required; or preset, naming one of GET /v2/notifications/selector-presets instead. Any other field is refused.")
    record SelectorRequest(
            @Schema(allowableValues = {"account", "global"}, description = "global: every account's events (admin account only)")
            String scope,
            EventSelectorView event,
            @Schema(description = "A preset's name, instead of scope and event", example = "user-errors") String preset) {
    }

    @Schema(name = "NotificationEndpointEnabled", description = "Whether the endpoint type is enabled")
    record EnabledRequest(@Schema(requiredMode = RequiredMode.REQUIRED) boolean enabled) {
    }

    @Schema(name = "AccountRequest", description = "A new account")
    record AccountRequest(@Schema(requiredMode = RequiredMode.REQUIRED) String name, String email) {
    }

    @Schema(name = "UserRequest", description = "A new user of the account")
    record UserRequest(@Schema(requiredMode = RequiredMode.REQUIRED) String username,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "password", description = "At least 8 characters")
            String password,
            @Schema(allowableValues = {"read-only", "read-write"}, description = "read-write unless set") String role) {
    }

    @Schema(name = "UserRoleRequest", description = "A user's new role")
    record UserRoleRequest(@Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = {"read-only", "read-write"})
            String role) {
    }

    @Schema(name = "EmittedEvent", description = "An event a scan result or an inventory report emitted")
    record EmittedEvent(String type, String id) {
    }

    @Schema(name = "ImageName", description = "An image tag, split")
    record ImageName(String registry, String repository, String tag, String digest) {
    }

    @Schema(name = "ScanReport", description = "A scan report: Herald's normalized JSON {image, policy, "
            + "vulnerabilities}, Grype's JSON (matches) or Trivy's JSON (Results)")
    interface ScanReport {
    }

    @Schema(name = "ScanResultStored", description = "What was stored of a scan result and the events it emitted")
    record ScanResultStored(ImageName image, @Schema(allowableValues = {"normalized", "grype", "trivy"}) String format,
            @Schema(description = "The policy evaluation, if the report had one") Map<String, Object> policy,
            @Schema(description = "How many vulnerabilities were stored") int vulnerabilities, List<EmittedEvent> events) {
    }

    @Schema(name = "RunningContainer", description = "A running container of the inventory")
    record RunningContainer(@Schema(requiredMode = RequiredMode.REQUIRED, description = "registry/repository:tag")
            String image, String imageDigest,
            @Schema(description = "kubernetes.cluster.name, kubernetes.namespace.name … the alerts' scopes read")
            Map<String, String> labels) {
    }

    @Schema(name = "RuntimeInventory", description = "The containers running now in the clusters the report covers")
    record RuntimeInventory(@Schema(requiredMode = RequiredMode.REQUIRED) List<RunningContainer> containers,
            @Schema(description = "The clusters covered; those of the containers unless set") List<String> clusters) {
    }

    @Schema(name = "RuntimeInventoryReported", description = "What the inventory report changed")
    record RuntimeInventoryReported(List<String> clusters, int containers,
            @JsonProperty("unscanned_images") int unscannedImages, List<EmittedEvent> events) {
    }

    @Schema(name = "NotificationOperationalStatus", description = "Operational status of a configuration")
    record OperationalStatus(@Schema(allowableValues = {"unknown", "healthy", "unhealthy"}) String status) {
    }

    @Schema(name = "ApiErrorResponse", description = "An error, in Anchore's shape")
    record ApiError(int code, @JsonProperty("error_type") String errorType, String message,
            @Schema(description = "For a 400: {errors: [{field, problem}]}") Map<String, Object> detail) {
    }

    @Schema(name = "NotificationsFile", description = "Configuration as code: an account's configurations and "
            + "scanning alerts, as GET /v2/notifications/export writes them and POST /v2/notifications/import reads "
            + "them (JSON or YAML). Items are identified by uuid (alertId for alerts); secrets are "
            + "${env:HERALD_<TYPE>_<UUID8>_<FIELD>} references, resolved from Herald's environment on import")
    record NotificationsFile(
            @Schema(description = "Each configuration: type (an endpoint type), uuid, its fields as POSTed, and "
                    + "selectors: [{uuid, scope, event, min_severity, filter}]") List<Map<String, Object>> configurations,
            List<AlertsApi.AlertView> alerts) {
    }

    @Schema(name = "NotificationsImport", description = "What an import changed (or, with dry_run, would change)")
    record NotificationsImport(@JsonProperty("dry_run") boolean dryRun, List<ImportChange> changes) {
    }

    @Schema(name = "NotificationsImportChange", description = "One item of the file and what the import does with it")
    record ImportChange(@Schema(allowableValues = {"create", "update", "unchanged"}) String action,
            @Schema(allowableValues = {"configuration", "selector", "alert"}) String kind, String id,
            @Schema(description = "Where the item is in the file, e.g. configurations[2].selectors[0]") String path) {
    }
}
