package dev.herald.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The known event types (Anchore's catalogue, anchore-event-types.json, plus Herald's runtime
 * {@code user.runtime.image.unscanned}) and how they are listed by
 * {@code GET /v2/event-types}: categories, subcategories, events, as Anchore groups them
 * ({@code <category>.<subcategory>.<event>}, where the event part may hold more dots).
 */
public final class EventTypeCatalogue {

    /** Descriptions of Anchore's categories and subcategories, keyed by dotted name. */
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("user", "Events of interest to a user, for people and for automation"),
            Map.entry("user.image", "Image analysis state and status"),
            Map.entry("user.checks", "Checks and policy evaluations of resources"),
            Map.entry("user.policy", "Policy content or configuration changes"),
            Map.entry("user.runtime", "Images running in the clusters of the runtime inventory"),
            Map.entry("system", "What the system is doing: state changes, background processes"),
            Map.entry("system.image_analysis", "The image analysis and import process"),
            Map.entry("system.analysis_archive", "The image analysis archiving process"),
            Map.entry("system.repository", "Repository watch operations"),
            Map.entry("system.feeds", "Vulnerability data feed operations"),
            Map.entry("system.service", "Service state transitions"),
            Map.entry("system.notifications", "Herald's own notifications: configurations it disabled"),
            Map.entry("system.test", "Test events"));

    /** A known event type. */
    public record KnownType(
            String type,
            EventLevel level,
            @JsonProperty("resource_type") String resourceType,
            String message) {
    }

    @Schema(name = "EventCategory")
    public record EventCategory(String name, String description, List<EventSubcategory> subcategories) {
    }

    @Schema(name = "EventSubcategory")
    public record EventSubcategory(String name, String description, List<EventDescription> events) {
    }

    @Schema(name = "EventDescription")
    public record EventDescription(
            String name,
            String type,
            String message,
            @JsonProperty("resource_type") String resourceType) {
    }

    private final Map<String, KnownType> known;

    private EventTypeCatalogue(Map<String, KnownType> known) {
        this.known = known;
    }

    public static EventTypeCatalogue load(ObjectMapper json) {
        try (InputStream in = EventTypeCatalogue.class.getResourceAsStream("anchore-event-types.json")) {
            Map<String, KnownType> known = new LinkedHashMap<>();
            for (JsonNode entry : json.readTree(in).get("event_types")) {
                KnownType type = new KnownType(
                        entry.get("type").textValue(),
                        EventLevel.parse(entry.get("level").textValue()).orElseThrow(),
                        entry.get("resource_type").textValue(),
                        entry.get("message").textValue());
                known.put(type.type(), type);
            }
            return new EventTypeCatalogue(known);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the event type catalogue", e);
        }
    }

    /** The resource types of the known event types, in catalogue order. */
    public Set<String> resourceTypes() {
        Set<String> types = new LinkedHashSet<>();
        known.values().forEach(type -> types.add(type.resourceType()));
        return types;
    }

    /** Every type of the catalogue, in its order. */
    public Collection<KnownType> known() {
        return known.values();
    }

    public Optional<KnownType> find(String type) {
        return Optional.ofNullable(known.get(type));
    }

    /** The catalogue plus the types seen in stored events, grouped for {@code GET /v2/event-types}. */
    public List<EventCategory> describe(Collection<EventDescription> seen) {
        Map<String, Map<String, List<EventDescription>>> tree = new LinkedHashMap<>();
        for (KnownType type : known.values()) {
            add(tree, type.type(), type.message(), type.resourceType());
        }
        for (EventDescription type : seen) {
            if (!known.containsKey(type.type())) {
                add(tree, type.type(), type.message(), type.resourceType());
            }
        }
        List<EventCategory> categories = new ArrayList<>();
        tree.forEach((category, subcategories) -> {
            List<EventSubcategory> subs = new ArrayList<>();
            subcategories.forEach((sub, events) ->
                    subs.add(new EventSubcategory(sub, DESCRIPTIONS.get(category + "." + sub), events)));
            categories.add(new EventCategory(category, DESCRIPTIONS.get(category), subs));
        });
        return categories;
    }

    private static void add(Map<String, Map<String, List<EventDescription>>> tree, String type, String message,
            String resourceType) {
        String[] parts = type.split("\\.", 3);
        String category = parts[0];
        String subcategory = parts.length > 2 ? parts[1] : "";
        String name = parts[parts.length - 1];
        tree.computeIfAbsent(category, c -> new LinkedHashMap<>())
                .computeIfAbsent(subcategory, s -> new ArrayList<>())
                .add(new EventDescription(name, type, message, resourceType));
    }
}
