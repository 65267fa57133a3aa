package dev.herald.api;

import dev.herald.event.EventTypeCatalogue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.DataFormatFactory;
import org.apache.camel.support.ResolverHelper;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

/**
 * Herald's REST API on platform-http: Anchore's notifications, events and event-types routes
 * (paths and fields as anchore-notifications-v2.yaml), Herald's ingestion and delivery history,
 * Sysdig's scanning alerts, and the OpenAPI document at {@code /api-doc}.
 *
 * <p>Written in Java rather than YAML because the six endpoint types share one set of routes with
 * an {@code {endpoint_type}} path parameter, and because the authentication interceptor and the
 * error handler must apply to these routes only, not to relay and dispatch.
 */
public final class RestApiRoutes extends RouteBuilder {

    private static final String TYPE_CONFIGURATIONS = "/notifications/endpoints/{endpoint_type}/configurations";

    private final ApiServices services;
    /** What each route asks of its caller, filled where the routes are declared. */
    private final Map<String, Permission> permissions = new HashMap<>();

    public RestApiRoutes(ApiServices services) {
        this.services = services;
    }

    /** A route id, and the permission the route asks for. */
    private String id(String routeId, Permission permission) {
        permissions.put(routeId, permission);
        return routeId;
    }

    @Override
    public void configure() throws Exception {
        HttpEndpointVerbs.mergeIn(getContext());
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
                // the document's server is the address it was asked at (X-Forwarded-* behind a proxy),
                // not the 0.0.0.0 Herald listens on, so Swagger UI's "Try it out" calls this Herald
                .useXForwardHeaders(true)
                .apiProperty("api.title", "Herald")
                .apiProperty("api.version", "2")
                .apiProperty("api.description", "Notifications for container-image security events; "
                        + "Anchore Enterprise's notifications API plus event ingestion and delivery history, "
                        + "and Sysdig's scanning alerts");

        CredentialCache credentials = new CredentialCache(services.clock());
        ConfigurationsApi configurations = new ConfigurationsApi(services);
        bindToRegistry("accountsApi", new AccountsApi(services, credentials));
        bindToRegistry("eventsApi", new EventsApi(services));
        bindToRegistry("endpointsApi", new EndpointsApi(services));
        bindToRegistry("configurationsApi", configurations);
        SelectorsApi selectors = new SelectorsApi(services, configurations);
        bindToRegistry("selectorsApi", selectors);
        bindToRegistry("notificationsFileApi", new NotificationsFileApi(services, configurations, selectors, System::getenv));
        bindToRegistry("previewsApi", new PreviewsApi(services, configurations));
        bindToRegistry("deliveriesApi", new DeliveriesApi(services));
        bindToRegistry("alertsApi", new AlertsApi(services));
        bindToRegistry("scanResultsApi", new ScanResultsApi(services));
        bindToRegistry("runtimeInventoryApi", new RuntimeInventoryApi(services));

        onException(Exception.class).handled(true).process(new ApiErrorResponder());
        getContext().addService(new HttpServerHandlers(services.json(), services.maxBodySize()));
        RestDefinition api = rest("/v2").produces("application/json");
        events(api);
        endpoints(api);
        deliveries(api);
        accounts(api);
        scanning(api);
        RestDefinition scanning = rest("/api/scanning/v1").produces("application/json");
        alerts(scanning);
        // the OpenAPI document names each operation by its route id, not by a generated verb number,
        // and shows the error shape every operation answers with
        for (RestDefinition rest : List.of(api, scanning)) {
            rest.getVerbs().forEach(verb -> {
                verb.setId(verb.getRouteId());
                ResponseMessageDefinition error = new ResponseMessageDefinition().code("default")
                        .message("An error: 400 (naming the fields), 401, 403, 404, 409, 413, 415 or 500");
                error.setResponseModel(ApiSchemas.ApiError.class.getName());
                List<ResponseMessageDefinition> responses = new ArrayList<>(
                        verb.getResponseMsgs() == null ? List.of() : verb.getResponseMsgs());
                responses.add(error);
                verb.setResponseMsgs(responses);
            });
        }
        interceptFrom("rest:*")
                .process(new RequestBodyLimit(services.maxBodySize()))
                .process(new Authenticator(services.users(), services.accounts(), credentials,
                        Map.copyOf(permissions), services.requireAuth()));
        // Swagger UI: static files, open like /api-doc itself (the interceptor above is for REST routes only)
        from("platform-http:" + SwaggerUiFiles.PATH + "?matchOnUriPrefix=true&httpMethodRestrict=GET")
                .routeId("api-doc-ui").process(new SwaggerUiFiles());
    }

    private void events(RestDefinition api) {
        api.get("/event-types").routeId(id("api-list-event-types", Permission.READ)).description("Event types, by category")
                .outType(EventTypeCatalogue.EventCategory[].class)
                .to("bean:eventsApi?method=types");
        api.post("/events").routeId(id("api-ingest-events", Permission.WRITE)).description("Store one event or a list of events (Anchore's shape)")
                .type(ApiSchemas.Event.class).outType(ApiSchemas.EventRecord.class)
                .to("bean:eventsApi?method=ingest");
        api.get("/events").routeId(id("api-list-events", Permission.READ)).description("Events of the account, newest first")
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
                .outType(ApiSchemas.EventPage.class)
                .to("bean:eventsApi?method=list");
        api.delete("/events").routeId(id("api-delete-events", Permission.WRITE)).description("Delete the account's events matching the filters")
                .param(query("since", "string", "Events after this date-time"))
                .param(query("before", "string", "Events before this date-time"))
                .param(query("level", "string", "info or error"))
                .outType(String[].class)
                .to("bean:eventsApi?method=deleteMatching");
        api.get("/events/{event_id}").routeId(id("api-get-event", Permission.READ)).description("One event").outType(ApiSchemas.EventRecord.class)
                .to("bean:eventsApi?method=get");
        api.delete("/events/{event_id}").routeId(id("api-delete-event", Permission.WRITE)).description("Delete one event")
                .responseMessage().code(200).message("Done; no body").endResponseMessage()
                .to("bean:eventsApi?method=delete");
    }

    private void endpoints(RestDefinition api) {
        api.get("/notifications/endpoints").routeId(id("api-list-endpoints", Permission.READ)).description("The endpoint types and whether each is enabled")
                .outType(EndpointsApi.EndpointView[].class)
                .to("bean:endpointsApi?method=list");
        api.put("/notifications/endpoints/{name}").routeId(id("api-update-endpoint", Permission.ADMIN))
                .description("Enable or disable an endpoint type system-wide (admin account)")
                .type(ApiSchemas.EnabledRequest.class).outType(EndpointsApi.EnabledStatusView.class)
                .to("bean:endpointsApi?method=update");
        api.get("/notifications/selectors").routeId(id("api-list-all-selectors", Permission.READ)).description("Every selector of the account")
                .outType(SelectorsApi.SelectorView[].class)
                .to("bean:selectorsApi?method=listAll");
        api.get("/notifications/export").routeId(id("api-export-notifications", Permission.READ))
                .description("The account's configurations (with their selectors) and scanning alerts as one file; "
                        + "secrets as ${env:HERALD_<TYPE>_<UUID8>_<FIELD>} references. ?format=yaml answers YAML")
                .param().name("format").type(RestParamType.query).description("json (default) or yaml").allowableValues("json", "yaml").endParam()
                .outType(ApiSchemas.NotificationsFile.class)
                .to("bean:notificationsFileApi?method=export");
        api.post("/notifications/import").routeId(id("api-import-notifications", Permission.WRITE))
                .description("Applies an exported file (YAML or JSON): creates and updates by uuid, leaves out nothing "
                        + "it does not name; checks the whole file first. ?dry_run=true answers the changes only")
                .param().name("dry_run").type(RestParamType.query).description("true: change nothing").allowableValues("true", "false").endParam()
                .type(ApiSchemas.NotificationsFile.class).outType(ApiSchemas.NotificationsImport.class)
                .to("bean:notificationsFileApi?method=importFile");
        api.get("/notifications/selector-presets").routeId(id("api-list-selector-presets", Permission.READ))
                .description("Anchore's Quick Selection presets; a selector may be created with {\"preset\": name}")
                .outType(SelectorsApi.PresetView[].class)
                .to("bean:selectorsApi?method=presets");

        api.get(TYPE_CONFIGURATIONS).routeId(id("api-list-configurations", Permission.READ)).description("Configurations of an endpoint type")
                .outType(ConfigurationSchemas.Configuration[].class)
                .to("bean:configurationsApi?method=list");
        api.post(TYPE_CONFIGURATIONS).routeId(id("api-create-configuration", Permission.WRITE)).description("Create a configuration")
                .type(ConfigurationSchemas.Configuration.class).outType(ConfigurationSchemas.Configuration.class)
                .to("bean:configurationsApi?method=create");
        api.get(TYPE_CONFIGURATIONS + "/{uuid}").routeId(id("api-get-configuration", Permission.READ)).description("One configuration")
                .outType(ConfigurationSchemas.Configuration.class)
                .to("bean:configurationsApi?method=get");
        api.put(TYPE_CONFIGURATIONS + "/{uuid}").routeId(id("api-update-configuration", Permission.WRITE))
                .description("Replace a configuration; omitted secrets are kept")
                .type(ConfigurationSchemas.Configuration.class).outType(ConfigurationSchemas.Configuration.class)
                .to("bean:configurationsApi?method=update");
        api.delete(TYPE_CONFIGURATIONS + "/{uuid}").routeId(id("api-delete-configuration", Permission.WRITE))
                .description("Delete a configuration with its selectors")
                .responseMessage().code(200).message("Done; no body").endResponseMessage()
                .to("bean:configurationsApi?method=delete");
        api.post("/notifications/endpoints/{endpoint_type}/test").routeId(id("api-test-unsaved-configuration", Permission.WRITE))
                .description("Send a test event to a configuration that is not saved; answers {status, response}")
                .type(ConfigurationSchemas.Configuration.class).outType(ConfigurationsApi.TestResult.class)
                .to("bean:configurationsApi?method=testUnsaved");
        api.get(TYPE_CONFIGURATIONS + "/{uuid}/test").routeId(id("api-test-configuration", Permission.WRITE))
                .description("Send a test event to a configuration; answers {status, response} and sets its status")
                .outType(ConfigurationsApi.TestResult.class)
                .to("bean:configurationsApi?method=test");
        api.post(TYPE_CONFIGURATIONS + "/{uuid}/preview").routeId(id("api-preview-configuration", Permission.READ))
                .description("What a configuration would send for a sample event of a type; nothing is sent")
                .param(query("event_type", "string", "A type of the event catalogue; "
                        + PreviewsApi.DEFAULT_EVENT_TYPE + " unless set"))
                .outType(PreviewsApi.Preview.class)
                .to("bean:previewsApi?method=preview");
        api.post("/notifications/endpoints/{endpoint_type}/preview").routeId(id("api-preview-unsaved-configuration",
                        Permission.READ))
                .description("What a configuration that is not saved would send for a sample event of a type; "
                        + "nothing is sent")
                .param(query("event_type", "string", "A type of the event catalogue; "
                        + PreviewsApi.DEFAULT_EVENT_TYPE + " unless set"))
                .param(query("configuration", "string", "The uuid of the saved configuration the body edits: "
                        + "secrets left out of the body are its saved ones"))
                .type(ConfigurationSchemas.Configuration.class).outType(PreviewsApi.Preview.class)
                .to("bean:previewsApi?method=previewUnsaved");
        api.get(TYPE_CONFIGURATIONS + "/{uuid}/status").routeId(id("api-get-configuration-status", Permission.READ))
                .description("unknown, healthy or unhealthy, from the latest delivery")
                .outType(ApiSchemas.OperationalStatus.class)
                .to("bean:configurationsApi?method=status");

        api.get(TYPE_CONFIGURATIONS + "/{uuid}/selectors").routeId(id("api-list-selectors", Permission.READ)).description("Selectors of a configuration")
                .outType(SelectorsApi.SelectorView[].class)
                .to("bean:selectorsApi?method=list");
        api.post(TYPE_CONFIGURATIONS + "/{uuid}/selectors").routeId(id("api-create-selector", Permission.WRITE)).description("Add a selector")
                .type(ApiSchemas.SelectorRequest.class).outType(SelectorsApi.SelectorView.class)
                .to("bean:selectorsApi?method=create");
        String selector = TYPE_CONFIGURATIONS.replace("/configurations", "/configurations/{configuration_uuid}/selectors/{selector_uuid}");
        api.get(selector).routeId(id("api-get-selector", Permission.READ)).description("One selector").outType(SelectorsApi.SelectorView.class)
                .to("bean:selectorsApi?method=get");
        api.put(selector).routeId(id("api-update-selector", Permission.WRITE)).description("Replace a selector").type(ApiSchemas.SelectorRequest.class).outType(SelectorsApi.SelectorView.class)
                .to("bean:selectorsApi?method=update");
        api.delete(selector).routeId(id("api-delete-selector", Permission.WRITE)).description("Delete a selector").responseMessage().code(200).message("Done; no body").endResponseMessage()
                .to("bean:selectorsApi?method=delete");
    }

    private void deliveries(RestDefinition api) {
        api.get("/notifications/deliveries").routeId(id("api-list-deliveries", Permission.READ)).description("Delivery history, newest first")
                .param(query("state", "string", "pending, delivered, dead or suppressed"))
                .param(query("endpoint", "string", "Endpoint type"))
                .param(query("configuration_uuid", "string", "Configuration"))
                .param(query("event_id", "string", "Event"))
                .param(query("digest_id", "string", "Digest: the deliveries (events) one digest message carried"))
                .param(query("since", "string", "Deliveries created after this date-time"))
                .param(query("page", "integer", "Page number, from 1"))
                .param(query("limit", "integer", "Deliveries per page, 100 unless set"))
                .outType(ApiSchemas.DeliveryPage.class)
                .to("bean:deliveriesApi?method=list");
        api.get("/notifications/delivery-counts").routeId(id("api-count-deliveries", Permission.READ))
                .description("How many deliveries of the account are in each state: {pending, delivered, dead, suppressed}")
                .outType(ApiSchemas.DeliveryCounts.class)
                .to("bean:deliveriesApi?method=counts");
        api.get("/notifications/deliveries/{uuid}").routeId(id("api-get-delivery", Permission.READ))
                .description("One delivery, with the history of its attempts")
                .outType(ApiSchemas.DeliveryDetail.class)
                .to("bean:deliveriesApi?method=get");
        api.post("/notifications/deliveries/{uuid}/retry").routeId(id("api-replay-delivery", Permission.WRITE))
                .description("Replay a dead or suppressed delivery: pending again, due now, with a new retry budget")
                .outType(ApiSchemas.DeliveryDetail.class)
                .to("bean:deliveriesApi?method=replay");
        api.post("/notifications/deliveries/retry").routeId(id("api-replay-deliveries", Permission.WRITE))
                .description("Replay every dead (or suppressed) delivery of the account; answers how many")
                .param(query("state", "string", "dead (the default) or suppressed"))
                .param(query("configuration_uuid", "string", "Only the deliveries of this configuration"))
                .outType(DeliveriesApi.Replayed.class)
                .to("bean:deliveriesApi?method=replayAll");
    }

    private void accounts(RestDefinition api) {
        api.get("/user").routeId(id("api-get-current-user", Permission.READ))
                .description("The signed-in user: {username, account_name, role, acting_for, admin}")
                .outType(AccountsApi.CurrentUserView.class)
                .to("bean:accountsApi?method=current");
        api.get("/accounts").routeId(id("api-list-accounts", Permission.ADMIN)).description("Every account")
                .outType(AccountsApi.AccountView[].class)
                .to("bean:accountsApi?method=list");
        api.post("/accounts").routeId(id("api-create-account", Permission.ADMIN)).description("Create an account {name, email}")
                .type(ApiSchemas.AccountRequest.class).outType(AccountsApi.AccountView.class)
                .to("bean:accountsApi?method=create");
        api.get("/accounts/{account}").routeId(id("api-get-account", Permission.ADMIN)).description("One account")
                .outType(AccountsApi.AccountView.class)
                .to("bean:accountsApi?method=get");
        api.delete("/accounts/{account}").routeId(id("api-delete-account", Permission.ADMIN))
                .description("Delete an account with its users, configurations, selectors, deliveries and events")
                .responseMessage().code(200).message("Done; no body").endResponseMessage()
                .to("bean:accountsApi?method=delete");
        api.get("/accounts/{account}/users").routeId(id("api-list-users", Permission.ADMIN)).description("Users of an account")
                .outType(AccountsApi.UserView[].class)
                .to("bean:accountsApi?method=listUsers");
        api.post("/accounts/{account}/users").routeId(id("api-create-user", Permission.ADMIN))
                .description("Add a user {username, password, role}; role read-only or read-write (default)")
                .type(ApiSchemas.UserRequest.class).outType(AccountsApi.UserView.class)
                .to("bean:accountsApi?method=createUser");
        api.put("/accounts/{account}/users/{username}").routeId(id("api-update-user", Permission.ADMIN))
                .description("Change a user's role {role}: read-only or read-write; not the signed-in user's own")
                .type(ApiSchemas.UserRoleRequest.class).outType(AccountsApi.UserView.class)
                .to("bean:accountsApi?method=updateUser");
        api.delete("/accounts/{account}/users/{username}").routeId(id("api-delete-user", Permission.ADMIN))
                .description("Delete a user").responseMessage().code(200).message("Done; no body").endResponseMessage()
                .to("bean:accountsApi?method=deleteUser");
    }

    private void alerts(RestDefinition scanning) {
        scanning.get("/alerts").routeId(id("api-list-alerts", Permission.READ))
                .description("Scanning alerts of the account, oldest first: {alerts, responseMetadata: {next_cursor}}")
                .param(query("limit", "integer", "Alerts per page, 100 unless set"))
                .param(query("cursor", "string", "The next_cursor of the previous page"))
                .param(query("name", "string", "Only alerts whose name contains this, in any case"))
                .outType(AlertsApi.AlertList.class)
                .to("bean:alertsApi?method=list");
        scanning.post("/alerts").routeId(id("api-create-alert", Permission.WRITE))
                .description("Create a scanning alert (runtime: a label scope; repository: registry, repository and tag patterns)")
                .type(AlertsApi.AlertView.class).outType(AlertsApi.AlertView.class)
                .to("bean:alertsApi?method=create");
        scanning.get("/alerts/{alertId}").routeId(id("api-get-alert", Permission.READ)).description("One scanning alert")
                .outType(AlertsApi.AlertView.class)
                .to("bean:alertsApi?method=get");
        scanning.put("/alerts/{alertId}").routeId(id("api-update-alert", Permission.WRITE))
                .description("Replace a scanning alert; omitted fields take their defaults")
                .type(AlertsApi.AlertView.class).outType(AlertsApi.AlertView.class)
                .to("bean:alertsApi?method=update");
        scanning.delete("/alerts/{alertId}").routeId(id("api-delete-alert", Permission.WRITE)).description("Delete a scanning alert")
                .responseMessage().code(200).message("Done; no body").endResponseMessage()
                .to("bean:alertsApi?method=delete");
        scanning.post("/alerts/{alertId}/duplicate").routeId(id("api-duplicate-alert", Permission.WRITE))
                .description("Copy a scanning alert as \"Copy of <name>\" with a new alertId; answers the copy")
                .outType(AlertsApi.AlertView.class)
                .to("bean:alertsApi?method=duplicate");
    }

    private void scanning(RestDefinition api) {
        api.post("/scan-results").routeId(id("api-ingest-scan-result", Permission.WRITE))
                .description("Store a scan result (normalized, Grype or Trivy JSON) for an image tag; answers what was "
                        + "stored and the events it emitted (analysis completed, policy evaluation and vulnerability updates)")
                .param(query("format", "string", "normalized, grype or trivy; told from the report when absent"))
                .param(query("image", "string", "registry/repository:tag[@digest] the result is for, when the report "
                        + "names no tag or another one"))
                .type(ApiSchemas.ScanReport.class).outType(ApiSchemas.ScanResultStored.class)
                .to("bean:scanResultsApi?method=ingest");
        api.post("/runtime-inventory").routeId(id("api-report-runtime-inventory", Permission.WRITE))
                .description("Report the containers running now {containers: [{image, imageDigest, labels}], clusters}; "
                        + "replaces the inventory of the clusters it covers and emits user.runtime.image.unscanned "
                        + "once per unscanned image and label set")
                .type(ApiSchemas.RuntimeInventory.class).outType(ApiSchemas.RuntimeInventoryReported.class)
                .to("bean:runtimeInventoryApi?method=report");
    }

    private static org.apache.camel.model.rest.ParamDefinition query(String name, String dataType, String description) {
        return new org.apache.camel.model.rest.ParamDefinition()
                .name(name).type(RestParamType.query).dataType(dataType).description(description);
    }
}
