package dev.herald.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.herald.endpoint.EndpointConfiguration;
import dev.herald.endpoint.EndpointType;
import dev.herald.scanning.alert.Alert;
import dev.herald.scanning.alert.AlertListing;
import dev.herald.scanning.alert.AlertReader;
import dev.herald.scanning.alert.AlertSettings;
import dev.herald.selector.Selector;
import dev.herald.validation.FieldError;
import dev.herald.validation.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * Configuration as code: {@code GET /v2/notifications/export} writes the account's configurations
 * (each with its selectors) and scanning alerts as one file, and {@code POST /v2/notifications/import}
 * applies such a file. Items are identified by their uuid (alertId for alerts), so importing the
 * same file twice changes nothing; what the file leaves out is left alone. Secrets are exported as
 * {@code ${env:HERALD_<TYPE>_<UUID8>_<FIELD>}} references, which an import resolves from its environment.
 */
final class NotificationsFileApi {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> FILE_FIELDS = Set.of("configurations", "alerts");
    private static final List<String> FORMATS = List.of("json", "yaml");
    /** What an exported configuration or alert shows that Herald sets: left out of files, ignored in them. */
    private static final List<String> ANSWERED = List.of("created_at", "last_updated", "status", "createdAt",
            "updatedAt", "configuration_uuid");
    private static final int PAGE = 1000;

    private final ApiServices services;
    private final ConfigurationsApi configurations;
    private final SelectorsApi selectors;
    private final UnaryOperator<String> environment;
    private final YAMLMapper yaml = new YAMLMapper();

    NotificationsFileApi(ApiServices services, ConfigurationsApi configurations, SelectorsApi selectors,
            UnaryOperator<String> environment) {
        this.services = services;
        this.configurations = configurations;
        this.selectors = selectors;
        this.environment = environment;
    }

    /** {@code ?format=yaml} answers YAML text, {@code json} (the default) JSON; any other format is a 400. */
    public Object export(Exchange exchange) throws JsonProcessingException {
        ApiRequest request = new ApiRequest(exchange, services.json());
        String format = request.queryOneOf("format",
                value -> Optional.of(value).filter(FORMATS::contains), String.join(", ", FORMATS));
        ObjectNode file = exportFile(request.account());
        if ("yaml".equals(format)) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/yaml");
            return yaml.writeValueAsString(file);
        }
        return file;
    }

    ObjectNode exportFile(String account) {
        ObjectNode file = services.json().createObjectNode();
        ArrayNode configurationNodes = file.putArray("configurations");
        for (EndpointType type : EndpointType.values()) {
            for (EndpointConfiguration configuration : services.configurations().list(account, type)) {
                ObjectNode node = services.json().createObjectNode();
                node.put("type", type.apiName());
                node.setAll(configurations.view(configuration));
                writeSecretReferences(node, configuration);
                ArrayNode selectorNodes = node.putArray("selectors");
                services.selectors().listForConfiguration(configuration.uuid()).forEach(selector ->
                        selectorNodes.add(services.json().<ObjectNode>valueToTree(SelectorsApi.SelectorView.of(selector))));
                selectorNodes.forEach(selector -> ((ObjectNode) selector).remove(ANSWERED));
                node.remove(ANSWERED);
                configurationNodes.add(node);
            }
        }
        ArrayNode alertNodes = file.putArray("alerts");
        Long after = null;
        do {
            AlertListing page = services.alerts().list(account, null, after, PAGE);
            page.alerts().forEach(alert -> {
                ObjectNode node = services.json().valueToTree(AlertsApi.AlertView.of(alert));
                node.remove(ANSWERED);
                alertNodes.add(node);
            });
            after = page.nextAfter();
        } while (after != null);
        return file;
    }

    /**
     * Each secret (a field the masked view shows differently) becomes an environment reference when it
     * is a text field of the type, and is left out otherwise (an import then keeps the stored one).
     */
    private void writeSecretReferences(ObjectNode node, EndpointConfiguration configuration) {
        JsonNode plain = services.json().valueToTree(configuration.settings());
        JsonNode masked = services.json().valueToTree(configuration.settings().masked());
        List<String> fields = configuration.type().fieldNames();
        plain.fieldNames().forEachRemaining(field -> {
            if (plain.get(field).equals(masked.get(field))) {
                return;
            }
            if (plain.get(field).isTextual() && fields.contains(field)) {
                node.put(field, "${env:" + variableName(configuration, field) + "}");
            } else {
                node.remove(field);
            }
        });
    }

    /** {@code HERALD_WEBHOOK_1A2B3C4D_PASSWORD}: the type, the uuid's first eight characters and the field. */
    static String variableName(EndpointConfiguration configuration, String field) {
        return ("HERALD_" + configuration.type().apiName() + "_" + configuration.uuid().substring(0, 8) + "_" + field)
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    /** {@code ?dry_run=true} answers the changes without making them. */
    public ObjectNode importFile(Exchange exchange) {
        ApiRequest request = new ApiRequest(exchange, services.json());
        boolean dryRun = request.queryFlag("dry_run");
        String body = exchange.getMessage().getBody(String.class);
        return apply(request.account(), body, dryRun);
    }

    /** Checks the whole file first; only a file without a problem is applied. */
    ObjectNode apply(String account, String text, boolean dryRun) {
        JsonNode file = parse(text);
        List<Change> changes = plan(account, file);
        if (!dryRun) {
            services.configurations().inOneTransaction(() -> changes.forEach(change -> change.apply().run()));
        }
        ObjectNode answer = services.json().createObjectNode();
        answer.put("dry_run", dryRun);
        ArrayNode list = answer.putArray("changes");
        changes.forEach(change -> list.addObject().put("action", change.action()).put("kind", change.kind())
                .put("id", change.id()).put("path", change.path()));
        return answer;
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("body", "is required: a file with configurations and alerts");
        }
        JsonNode file;
        try {
            // YAML is a superset of JSON: one parser reads both
            file = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            // the parser's message quotes the text, which may hold a secret: say only where
            throw new InvalidInputException("body", "is not valid YAML or JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (file == null || !file.isObject()) {
            throw new InvalidInputException("body", "must be an object with configurations and alerts");
        }
        List<FieldError> unknown = new ArrayList<>();
        file.fieldNames().forEachRemaining(name -> {
            if (!FILE_FIELDS.contains(name)) {
                unknown.add(new FieldError(name, "is not a field of the file; the fields are alerts, configurations"));
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
        return file;
    }

    /** One change an import makes; {@code unchanged} ones are answered too, so a dry run shows the whole file. */
    private record Change(String action, String kind, String id, String path, Runnable apply) {
    }

    private List<Change> plan(String account, JsonNode file) {
        List<Change> changes = new ArrayList<>();
        Set<String> channels = new HashSet<>(services.configurations().uuidsOf(account));
        Set<String> seen = new HashSet<>();
        Instant now = services.clock().instant();
        JsonNode items = array(file, "configurations");
        for (int i = 0; i < items.size(); i++) {
            String path = "configurations[" + i + "]";
            ObjectNode item = object(items.get(i), path).deepCopy();
            EndpointType type = EndpointType.parse(item.path("type").asText(""))
                    .orElseThrow(() -> new InvalidInputException(path + ".type", "must be one of the endpoint types"));
            String uuid = identifier(item, "uuid", path, seen);
            JsonNode selectorItems = array(item, "selectors", path);
            item.remove(List.of("type", "selectors"));
            resolveEnvironment(item, path);
            Optional<EndpointConfiguration> stored = services.configurations().find(account, type, uuid);
            if (stored.isEmpty() && services.configurations().exists(uuid)) {
                throw taken(path + ".uuid");
            }
            EndpointConfiguration read = configurations.read(item, path, account, type, uuid, stored.orElse(null));
            if (stored.isEmpty()) {
                changes.add(new Change("create", "configuration", uuid, path, () -> services.configurations().insert(read)));
            } else if (sameContent(stored.get(), read)) {
                changes.add(new Change("unchanged", "configuration", uuid, path, () -> { }));
            } else {
                EndpointConfiguration kept = stored.get();
                EndpointConfiguration updated = new EndpointConfiguration(uuid, account, type, read.description(),
                        read.verifyTls(), read.timeoutSeconds(), read.rateLimitPerSecond(), read.quietHours(), read.digest(),
                        read.settings(),
                        kept.status(), read.enabled(), kept.createdAt(), now);
                changes.add(new Change("update", "configuration", uuid, path, () -> services.configurations().update(updated)));
            }
            channels.add(uuid);
            for (int j = 0; j < selectorItems.size(); j++) {
                String selectorPath = path + ".selectors[" + j + "]";
                ObjectNode selectorItem = object(selectorItems.get(j), selectorPath).deepCopy();
                String selectorUuid = identifier(selectorItem, "uuid", selectorPath, seen);
                Selector selector = selectors.read(selectorItem, selectorPath, selectorUuid, read);
                Optional<Selector> storedSelector = services.selectors().find(uuid, selectorUuid);
                if (storedSelector.isEmpty() && services.selectors().exists(selectorUuid)) {
                    throw taken(selectorPath + ".uuid");
                }
                if (storedSelector.isEmpty()) {
                    changes.add(new Change("create", "selector", selectorUuid, selectorPath,
                            () -> services.selectors().insert(selector, now)));
                } else if (storedSelector.get().equals(selector)) {
                    changes.add(new Change("unchanged", "selector", selectorUuid, selectorPath, () -> { }));
                } else {
                    changes.add(new Change("update", "selector", selectorUuid, selectorPath,
                            () -> services.selectors().update(selector)));
                }
            }
        }
        JsonNode alerts = array(file, "alerts");
        for (int k = 0; k < alerts.size(); k++) {
            String path = "alerts[" + k + "]";
            ObjectNode item = object(alerts.get(k), path).deepCopy();
            String alertId = identifier(item, "alertId", path, seen);
            item.remove(ANSWERED);
            AlertSettings settings;
            try {
                settings = AlertReader.read(item, channels);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.errors().stream()
                        .map(error -> new FieldError(path + "." + error.field(), error.problem())).toList());
            }
            Optional<Alert> stored = services.alerts().find(account, alertId);
            if (stored.isEmpty() && services.alerts().exists(alertId)) {
                throw taken(path + ".alertId");
            }
            if (stored.isEmpty()) {
                Alert alert = new Alert(alertId, account, settings, now, now);
                changes.add(new Change("create", "alert", alertId, path, () -> services.alerts().insert(alert)));
            } else if (stored.get().settings().equals(settings)) {
                changes.add(new Change("unchanged", "alert", alertId, path, () -> { }));
            } else {
                Alert alert = new Alert(alertId, account, settings, stored.get().createdAt(), now);
                changes.add(new Change("update", "alert", alertId, path, () -> services.alerts().update(alert)));
            }
        }
        return changes;
    }

    private static boolean sameContent(EndpointConfiguration stored, EndpointConfiguration read) {
        return Objects.equals(stored.description(), read.description()) && stored.verifyTls() == read.verifyTls()
                && Objects.equals(stored.timeoutSeconds(), read.timeoutSeconds())
                && Objects.equals(stored.rateLimitPerSecond(), read.rateLimitPerSecond())
                && stored.quietHours().equals(read.quietHours())
                && Objects.equals(stored.digest(), read.digest()) && stored.enabled() == read.enabled()
                && stored.settings().equals(read.settings());
    }

    /** Replaces each {@code ${env:NAME}} text with the variable's value; an unset one is refused, naming both. */
    private void resolveEnvironment(ObjectNode item, String path) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            if (!field.getValue().isTextual()) {
                continue;
            }
            Matcher reference = ENV_REFERENCE.matcher(field.getValue().asText());
            if (reference.matches()) {
                String value = environment.apply(reference.group(1));
                if (value == null) {
                    errors.add(new FieldError(path + "." + field.getKey(),
                            "names environment variable " + reference.group(1) + ", which is not set"));
                } else {
                    field.setValue(TextNode.valueOf(value));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /**
     * An id Herald already has for another item: one of another type or configuration of this
     * account, or one of another account (which the answer does not tell apart, to say nothing of it).
     */
    private static InvalidInputException taken(String field) {
        return new InvalidInputException(field, "is the id of another item; choose a new UUID");
    }

    /** The item's id: required, a UUID, and once in the file. */
    private static String identifier(ObjectNode item, String field, String path, Set<String> seen) {
        String value = item.path(field).asText("");
        try {
            UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path + "." + field, "is required: a UUID that identifies the item");
        }
        if (!seen.add(value)) {
            throw new InvalidInputException(path + "." + field, "is used by another item of the file");
        }
        item.remove(field);
        return value;
    }

    private static JsonNode array(JsonNode parent, String field) {
        return array(parent, field, "");
    }

    private static JsonNode array(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        String name = path.isEmpty() ? field : path + "." + field;
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw new InvalidInputException(name, "must be a list");
        }
        return value;
    }

    private static JsonNode object(JsonNode value, String path) {
        if (!value.isObject()) {
            throw new InvalidInputException(path, "must be an object");
        }
        return value;
    }
}
