package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.account.AccountRepository;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.selector.Selector;
import dev.herald.selector.SelectorScope;
import dev.herald.validation.JsonInput;
import java.util.List;
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

    /** A selector in Anchore's shape. */
    record SelectorView(
            String uuid,
            @JsonProperty("configuration_uuid") String configurationUuid,
            String scope,
            EventSelectorView event) {

        static SelectorView of(Selector selector) {
            return new SelectorView(selector.uuid(), selector.configurationUuid(), selector.scope().apiName(),
                    new EventSelectorView(selector.level(), selector.type(), selector.resourceType()));
        }
    }

    record EventSelectorView(String level, String type, @JsonProperty("resource_type") String resourceType) {
    }

    private final ApiServices services;
    private final ConfigurationsApi configurations;

    SelectorsApi(ApiServices services, ConfigurationsApi configurations) {
        this.services = services;
        this.configurations = configurations;
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

    /** Reads {@code {scope, event: {level, type, resource_type}}}; all four are required. */
    private Selector read(ApiRequest request, String uuid, EndpointConfiguration configuration)
            throws JsonProcessingException {
        JsonInput input = JsonInput.ofObject(request.body(), "");
        input.throwIfInvalid();
        String scope = input.requiredOneOf("scope", List.of("account", "global"));
        JsonInput event = input.object("event", true);
        String level = event.requiredOneOf("level", List.of("*", "info", "error"));
        String type = event.requiredMatching("type", 255, TYPE, "must match ^[a-z0-9-_.*]+$");
        String resourceType = event.requiredText("resource_type", 255);
        input.throwIfInvalid();
        SelectorScope selectorScope = SelectorScope.parse(scope).orElseThrow();
        if (selectorScope == SelectorScope.GLOBAL && !AccountRepository.ADMIN.equals(configuration.account())) {
            throw ApiException.forbidden("only configurations of the admin account may have global selectors");
        }
        return new Selector(uuid, configuration.uuid(), configuration.account(), selectorScope, level, type,
                resourceType);
    }
}
