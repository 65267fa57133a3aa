package dev.herald.api;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.DataFormatFactory;
import org.apache.camel.support.ResolverHelper;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

/**
 * Herald's REST API on platform-http: Anchore's notifications, events and event-types routes
 * (paths and fields as anchore-notifications-v2.yaml), Herald's ingestion and delivery history,
 * and the OpenAPI document at {@code /api-doc}.
 *
 * <p>Written in Java rather than YAML because the six endpoint types share one set of routes with
 * an {@code {endpoint_type}} path parameter, and because the authentication interceptor and the
 * error handler must apply to these routes only, not to relay and dispatch.
 */
public final class RestApiRoutes extends RouteBuilder {

    private static final String TYPE_CONFIGURATIONS = "/notifications/endpoints/{endpoint_type}/configurations";

    private final ApiServices services;

    public RestApiRoutes(ApiServices services) {
        this.services = services;
    }

    @Override
    public void configure() throws Exception {
        bindToRegistry(RestJsonFormat.NAME + ResolverHelper.DATA_FORMAT_FACTORY_FALLBACK_SUFFIX,
                (DataFormatFactory) () -> new RestJsonFormat(services.json()));
        bindToRegistry(ApiResponseHeaders.NAME, new ApiResponseHeaders());
        restConfiguration()
                .component("platform-http")
                .bindingMode(RestBindingMode.json)
                .jsonDataFormat(RestJsonFormat.NAME)
                .endpointProperty("headerFilterStrategy", "#" + ApiResponseHeaders.NAME)
                // errors are maps in the spec's shape too, so bind them to JSON like any answer
                .skipBindingOnErrorCode(false)
                .apiContextPath("/api-doc")
                .apiProperty("api.title", "Herald")
                .apiProperty("api.version", "2")
                .apiProperty("api.description", "Notifications for container-image security events; "
                        + "Anchore Enterprise's notifications API plus event ingestion and delivery history");

        ConfigurationsApi configurations = new ConfigurationsApi(services);
        bindToRegistry("eventsApi", new EventsApi(services));
        bindToRegistry("endpointsApi", new EndpointsApi(services));
        bindToRegistry("configurationsApi", configurations);
        bindToRegistry("selectorsApi", new SelectorsApi(services, configurations));
        bindToRegistry("deliveriesApi", new DeliveriesApi(services));

        onException(Exception.class).handled(true).process(new ApiErrorResponder());
        getContext().addService(new PayloadTooLargeResponder(services.json(), services.maxBodySize()));
        interceptFrom("rest:*")
                .process(new RequestBodyLimit(services.maxBodySize()))
                .process(new Authenticator(
                        services.adminPassword().orElseGet(GeneratedAdminPassword::create), services.accounts()));

        RestDefinition api = rest("/v2").produces("application/json");
        events(api);
        endpoints(api);
        deliveries(api);
    }

    private static void events(RestDefinition api) {
        api.get("/event-types").routeId("api-list-event-types").description("Event types, by category")
                .to("bean:eventsApi?method=types");
        api.post("/events").routeId("api-ingest-events").description("Store one event or a list of events (Anchore's shape)")
                .to("bean:eventsApi?method=ingest");
        api.get("/events").routeId("api-list-events").description("Events of the account, newest first")
                .param(query("source_service_name", "string", "Originating service"))
                .param(query("source_host_id", "string", "Originating host"))
                .param(query("event_type", "string", "Prefix of the event type, * allowed"))
                .param(query("resource_type", "string", "Resource type"))
                .param(query("resource_id", "string", "Resource id"))
                .param(query("level", "string", "info or error"))
                .param(query("since", "string", "Events after this date-time"))
                .param(query("before", "string", "Events before this date-time"))
                .param(query("page", "integer", "Page number, from 1"))
                .param(query("limit", "integer", "Events per page, 100 unless set"))
                .to("bean:eventsApi?method=list");
        api.delete("/events").routeId("api-delete-events").description("Delete the account's events matching the filters")
                .param(query("since", "string", "Events after this date-time"))
                .param(query("before", "string", "Events before this date-time"))
                .param(query("level", "string", "info or error"))
                .to("bean:eventsApi?method=deleteMatching");
        api.get("/events/{event_id}").routeId("api-get-event").description("One event").to("bean:eventsApi?method=get");
        api.delete("/events/{event_id}").routeId("api-delete-event").description("Delete one event")
                .to("bean:eventsApi?method=delete");
    }

    private static void endpoints(RestDefinition api) {
        api.get("/notifications/endpoints").routeId("api-list-endpoints").description("The endpoint types and whether each is enabled")
                .to("bean:endpointsApi?method=list");
        api.put("/notifications/endpoints/{name}").routeId("api-update-endpoint")
                .description("Enable or disable an endpoint type system-wide (admin account)")
                .to("bean:endpointsApi?method=update");
        api.get("/notifications/selectors").routeId("api-list-all-selectors").description("Every selector of the account")
                .to("bean:selectorsApi?method=listAll");

        api.get(TYPE_CONFIGURATIONS).routeId("api-list-configurations").description("Configurations of an endpoint type")
                .to("bean:configurationsApi?method=list");
        api.post(TYPE_CONFIGURATIONS).routeId("api-create-configuration").description("Create a configuration")
                .to("bean:configurationsApi?method=create");
        api.get(TYPE_CONFIGURATIONS + "/{uuid}").routeId("api-get-configuration").description("One configuration")
                .to("bean:configurationsApi?method=get");
        api.put(TYPE_CONFIGURATIONS + "/{uuid}").routeId("api-update-configuration")
                .description("Replace a configuration; omitted secrets are kept")
                .to("bean:configurationsApi?method=update");
        api.delete(TYPE_CONFIGURATIONS + "/{uuid}").routeId("api-delete-configuration")
                .description("Delete a configuration with its selectors")
                .to("bean:configurationsApi?method=delete");
        api.post("/notifications/endpoints/{endpoint_type}/test").routeId("api-test-unsaved-configuration")
                .description("Send a test event to a configuration that is not saved; answers {status, response}")
                .to("bean:configurationsApi?method=testUnsaved");
        api.get(TYPE_CONFIGURATIONS + "/{uuid}/test").routeId("api-test-configuration")
                .description("Send a test event to a configuration; answers {status, response} and sets its status")
                .to("bean:configurationsApi?method=test");
        api.get(TYPE_CONFIGURATIONS + "/{uuid}/status").routeId("api-get-configuration-status")
                .description("unknown, healthy or unhealthy, from the latest delivery")
                .to("bean:configurationsApi?method=status");

        api.get(TYPE_CONFIGURATIONS + "/{uuid}/selectors").routeId("api-list-selectors").description("Selectors of a configuration")
                .to("bean:selectorsApi?method=list");
        api.post(TYPE_CONFIGURATIONS + "/{uuid}/selectors").routeId("api-create-selector").description("Add a selector")
                .to("bean:selectorsApi?method=create");
        String selector = TYPE_CONFIGURATIONS.replace("/configurations", "/configurations/{configuration_uuid}/selectors/{selector_uuid}");
        api.get(selector).routeId("api-get-selector").description("One selector").to("bean:selectorsApi?method=get");
        api.put(selector).routeId("api-update-selector").description("Replace a selector").to("bean:selectorsApi?method=update");
        api.delete(selector).routeId("api-delete-selector").description("Delete a selector").to("bean:selectorsApi?method=delete");
    }

    private static void deliveries(RestDefinition api) {
        api.get("/notifications/deliveries").routeId("api-list-deliveries").description("Delivery history, newest first")
                .param(query("state", "string", "pending, delivered, failed or suppressed"))
                .param(query("endpoint", "string", "Endpoint type"))
                .param(query("configuration_uuid", "string", "Configuration"))
                .param(query("event_id", "string", "Event"))
                .param(query("since", "string", "Deliveries created after this date-time"))
                .param(query("page", "integer", "Page number, from 1"))
                .param(query("limit", "integer", "Deliveries per page, 100 unless set"))
                .to("bean:deliveriesApi?method=list");
        api.get("/notifications/deliveries/{uuid}").routeId("api-get-delivery").description("One delivery")
                .to("bean:deliveriesApi?method=get");
    }

    private static org.apache.camel.model.rest.ParamDefinition query(String name, String dataType, String description) {
        return new org.apache.camel.model.rest.ParamDefinition()
                .name(name).type(RestParamType.query).dataType(dataType).description(description);
    }
}
