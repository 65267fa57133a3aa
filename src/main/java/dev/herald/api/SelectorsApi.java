package dev.herald.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.account.AccountRepository;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.event.Severity;
import dev.herald.selector.Selector;
import dev.herald.selector.SelectorPreset;
import dev.herald.selector.SelectorScope;
import dev.herald.selector.cel.CelFilter;
import dev.herald.selector.cel.FilterSyntaxError;
import dev.herald.validation.JsonInput;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The selectors of a configuration ({@code …/configurations/{uuid}/selectors}) and of the whole
 * account ({@code GET /v2/notifications/selectors}). Only the admin account's configurations may
 * have {@code global} selectors.
 */
final class SelectorsApi {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9_.*-]+");
    /** What a selector body may hold: its fields, or a preset; uuid and configuration_uuid as answered, ignored. */
    private static final Set<String> FIELDS = Set.of("scope", "event", "preset", "min_severity", "filter", "uuid",
            "configuration_uuid");
    private static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Severity::label).toList();
    /** Long enough for any filter a person writes and reads; the column holds 4,000. */
    private static final int FILTER_LENGTH = 2_000;
    private static final Set<String> EVENT_FIELDS = Set.of("level", "type", "resource_type");
    /** The resource types Anchore documents for selectors; Herald adds those of the event types it knows. */
    private static final List<String> ANCHORE_RESOURCE_TYPES = List.of(Selector.ANY, "image_digest", "image_tag",
            "image_reference", "repository", "feeds", "feed", "feed_group");
    private static final List<String> PRESET_NAMES = Arrays.stream(SelectorPreset.values())
            .map(SelectorPreset::apiName).toList();

    /** A selector in Anchore's shape, with Herald's two optional filters left out when unset. */
    @Schema(name = "NotificationSelector")
    record SelectorView(
            String uuid,
            @JsonProperty("configuration_uuid") String configurationUuid,
            String scope,
            EventSelectorView event,
            @Schema(description = "Herald: a vulnerability update matches only when it added or updated a "
                    + "vulnerability at or above this severity, and its message lists only those",
                    allowableValues = {"Critical", "High", "Medium", "Low", "Negligible", "Unknown"})
            @JsonProperty("min_severity") @JsonInclude(JsonInclude.Include.NON_NULL) String minSeverity,
            @Schema(description = "Herald: a CEL expression over the event (event.type, event.level, "
                    + "event.resource.id, event.details…) that must be true for the selector to match")
            @JsonInclude(JsonInclude.Include.NON_NULL) String filter) {

        static SelectorView of(Selector selector) {
            return new SelectorView(selector.uuid(), selector.configurationUuid(), selector.scope().apiName(),
                    new EventSelectorView(selector.level(), selector.type(), selector.resourceType()),
                    selector.minSeverity() == null ? null : selector.minSeverity().label(), selector.filter());
        }
    }

    @Schema(name = "NotificationEventSelector", description = "level: *, info or error; type: * matches any run "
            + "of characters; resource_type: * or one of Anchore's resource types")
    record EventSelectorView(String level, String type, @JsonProperty("resource_type") String resourceType) {
    }

    /** A preset of Anchore's Quick Selection: its name for requests, its title, and the selector it stands for. */
    @Schema(name = "SelectorPreset", description = "A Quick Selection preset: name it as preset when creating a selector")
    record PresetView(String name, String title, String scope, EventSelectorView event) {

        static PresetView of(SelectorPreset preset) {
            return new PresetView(preset.apiName(), preset.title(), preset.scope().apiName(),
                    new EventSelectorView(preset.level(), preset.type(), preset.resourceType()));
        }
    }

    private final ApiServices services;
    private final ConfigurationsApi configurations;

    /** The resource types a selector may name. */
    private final List<String> resourceTypes;

    SelectorsApi(ApiServices services, ConfigurationsApi configurations) {
        this.services = services;
        this.configurations = configurations;
        Set<String> types = new LinkedHashSet<>(ANCHORE_RESOURCE_TYPES);
        types.addAll(services.eventTypes().resourceTypes());
        this.resourceTypes = List.copyOf(types);
    }

    /** {@code GET /v2/notifications/selector-presets}: Anchore's Quick Selection table. */
    public List<PresetView> presets(Exchange exchange) {
        return Arrays.stream(SelectorPreset.values()).map(PresetView::of).toList();
    }

    public List<SelectorView> listAll(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        return services.selectors().listForAccount(request.account()).stream().map(SelectorView::of).toList();
    }

    public List<SelectorView> list(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        EndpointConfiguration configuration = configurations.find(request, request.path("uuid"));
        return services.selectors().listForConfiguration(configuration.uuid()).stream().map(SelectorView::of).toList();
    }

    public SelectorView create(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        EndpointConfiguration configuration = configurations.find(request, request.path("uuid"));
        Selector selector = read(request, UUID.randomUUID().toString(), configuration);
        services.selectors().insert(selector, services.clock().instant());
        return SelectorView.of(selector);
    }

    public SelectorView get(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        EndpointConfiguration configuration = configurations.find(request, request.path("configuration_uuid"));
        return services.selectors().find(configuration.uuid(), request.path("selector_uuid"))
                .map(SelectorView::of)
                .orElseThrow(() -> ApiException.notFound("selector"));
    }

    public SelectorView update(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        EndpointConfiguration configuration = configurations.find(request, request.path("configuration_uuid"));
        String uuid = request.path("selector_uuid");
        if (services.selectors().find(configuration.uuid(), uuid).isEmpty()) {
            throw ApiException.notFound("selector");
        }
        Selector selector = read(request, uuid, configuration);
        services.selectors().update(selector);
        return SelectorView.of(selector);
    }

    public void delete(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        EndpointConfiguration configuration = configurations.find(request, request.path("configuration_uuid"));
        if (!services.selectors().delete(configuration.uuid(), request.path("selector_uuid"))) {
            throw ApiException.notFound("selector");
        }
        request.answerEmpty();
    }

    /**
     * Reads {@code {scope, event: {level, type, resource_type}}}, all four required, or
     * {@code {preset}} naming one of the {@link SelectorPreset presets} instead, and either way the
     * optional {@code min_severity} and {@code filter}. Any other field is refused, naming it: a
     * misspelt field would otherwise be a selector that silently does nothing.
     */
    private Selector read(ApiRequest request, String uuid, EndpointConfiguration configuration)
            throws JsonProcessingException {
        return read(request.body(), "", uuid, configuration);
    }

    /** A selector from {@code body}; {@code path} prefixes the fields the errors name (an imported file's). */
    Selector read(JsonNode body, String path, String uuid, EndpointConfiguration configuration) {
        JsonInput input = JsonInput.ofObject(body, path);
        input.throwIfInvalid();
        input.rejectUnknownFields(FIELDS);
        SelectorScope scope;
        String level;
        String type;
        String resourceType;
        if (input.has("preset")) {
            if (input.has("scope") || input.has("event")) {
                input.reject(input.field("preset"), "names a preset: send either preset or scope and event, not both");
            }
            SelectorPreset preset = SelectorPreset.parse(input.requiredOneOf("preset", PRESET_NAMES)).orElse(null);
            input.throwIfInvalid();
            scope = preset.scope();
            level = preset.level();
            type = preset.type();
            resourceType = preset.resourceType();
        } else {
            String scopeName = input.requiredOneOf("scope", List.of("account", "global"));
            JsonInput event = input.object("event", true);
            event.rejectUnknownFields(EVENT_FIELDS);
            level = event.requiredOneOf("level", List.of("*", "info", "error"));
            type = event.requiredMatching("type", 255, TYPE, "must match ^[a-z0-9-_.*]+$");
            resourceType = event.requiredOneOf("resource_type", resourceTypes);
            input.throwIfInvalid();
            scope = SelectorScope.parse(scopeName).orElseThrow();
        }
        Severity minSeverity = input.has("min_severity")
                ? Severity.parse(input.requiredOneOf("min_severity", SEVERITIES)).orElse(null) : null;
        String filter = readFilter(input);
        input.throwIfInvalid();
        if (scope == SelectorScope.GLOBAL && !AccountRepository.ADMIN.equals(configuration.account())) {
            throw ApiException.forbidden("only configurations of the admin account may have global selectors");
        }
        return new Selector(uuid, configuration.uuid(), configuration.account(), scope, level, type, resourceType,
                minSeverity, filter);
    }

    /** The CEL filter, compiled here so that one that cannot run is refused with where it goes wrong. */
    private static String readFilter(JsonInput input) {
        if (!input.has("filter")) {
            return null;
        }
        String filter = input.requiredText("filter", FILTER_LENGTH);
        if (filter != null && !filter.isBlank()) {
            try {
                CelFilter.compile(filter);
            } catch (FilterSyntaxError e) {
                input.reject(input.field("filter"), "is not a valid CEL expression: " + e.getMessage());
            }
        }
        return filter;
    }
}
