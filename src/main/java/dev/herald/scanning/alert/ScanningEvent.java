package dev.herald.scanning.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.herald.scanning.ImageReference;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What alerts look at in an event of one of the trigger types (the event contract of scan-result
 * ingestion and the runtime inventory).
 *
 * @param image          from {@code details.image} when it names registry and repository, else read from
 *                       {@code resource.id}; null when neither names an image
 * @param passedToFailed a policy evaluation went from {@code pass} ({@code details.last_eval.status}) to
 *                       {@code fail} ({@code details.curr_eval.status})
 * @param runningWith    the label sets the event itself says the image runs with: for an unscanned image,
 *                       {@code details.runtime.labels} (an empty set when it names none: the image runs
 *                       somewhere unknown); empty for the other types, whose places come from the inventory
 */
public record ScanningEvent(Trigger trigger, ImageReference image, boolean passedToFailed,
        List<Map<String, String>> runningWith) {

    public ScanningEvent {
        runningWith = List.copyOf(runningWith);
    }

    /** The event as alerts see it; empty when its type is none of the triggers'. */
    public static Optional<ScanningEvent> read(String type, String resourceId, JsonNode details) {
        Optional<Trigger> trigger = Trigger.forEventType(type);
        if (trigger.isEmpty()) {
            return Optional.empty();
        }
        JsonNode facts = details == null ? MissingNode.getInstance() : details;
        ImageReference image = image(facts.path("image")).or(() -> ImageReference.tryParse(resourceId)).orElse(null);
        boolean passedToFailed = "pass".equalsIgnoreCase(facts.path("last_eval").path("status").asText(""))
                && "fail".equalsIgnoreCase(facts.path("curr_eval").path("status").asText(""));
        List<Map<String, String>> runningWith = trigger.get() == Trigger.UNSCANNED
                ? List.of(labels(facts.path("runtime").path("labels")))
                : List.of();
        return Optional.of(new ScanningEvent(trigger.get(), image, passedToFailed, runningWith));
    }

    private static Optional<ImageReference> image(JsonNode image) {
        String registry = text(image.get("registry"));
        String repository = text(image.get("repository"));
        if (registry == null || repository == null) {
            return Optional.empty();
        }
        return Optional.of(ImageReference.described(registry, repository, text(image.get("tag")),
                text(image.get("digest"))));
    }

    /** The labels with text, number or boolean values; other values name no place and are left out. */
    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> read = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = labels.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> label = fields.next();
            if (label.getValue().isValueNode() && !label.getValue().isNull()) {
                read.put(label.getKey(), label.getValue().asText());
            }
        }
        return Map.copyOf(read);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
    }
}
