package dev.herald.scanning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.validation.JsonInput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a runtime inventory report: {@code {clusters: ["…"], containers: [{image: "<reference>",
 * imageDigest: "sha256:…", labels: {"kubernetes.cluster.name": "…", …}}]}}, every problem named by
 * its field. A container's labels get {@code container.image} (the reference as reported) unless
 * they carry one, so runtime scopes can name the image as Sysdig's do.
 */
public final class InventoryReportReader {

    static final int MAX_CONTAINERS = 10_000;
    static final int MAX_LABELS = 64;
    static final int MAX_LABEL_KEY = 255;
    static final int MAX_LABEL_VALUE = 1024;
    static final int MAX_CLUSTER = 255;

    public InventoryReport read(JsonNode body) {
        JsonInput report = JsonInput.ofObject(body, "");
        report.throwIfInvalid();
        List<String> clusters = report.optionalTextList("clusters", 1000, MAX_CLUSTER);
        List<RunningContainer> containers = new ArrayList<>();
        for (JsonInput entry : report.objectList("containers", MAX_CONTAINERS, true)) {
            RunningContainer container = container(entry);
            if (container != null) {
                containers.add(container);
            }
        }
        report.throwIfInvalid();
        return new InventoryReport(containers, clusters);
    }

    private static RunningContainer container(JsonInput container) {
        String reference = container.requiredText("image", 1024);
        String digest = container.optionalText("imageDigest", 200);
        TreeMap<String, String> labels = labels(container);
        if (reference == null || reference.isBlank()) {
            return null;
        }
        ImageReference image;
        try {
            image = ImageReference.parse(reference);
        } catch (ImageReference.InvalidReference e) {
            container.reject(container.field("image"), e.getMessage());
            return null;
        }
        if (digest != null) {
            if (ImageReference.problemWithDigest(digest).isPresent()) {
                container.reject(container.field("imageDigest"), "must be a digest such as sha256:<64 lower-case hex digits>");
                return null;
            }
            if (image.digest() != null && !image.digest().equals(digest)) {
                container.reject(container.field("imageDigest"), "differs from the digest in image");
                return null;
            }
            image = image.withDigest(digest);
        }
        if (labels.getOrDefault(RunningContainer.CLUSTER_LABEL, "").length() > MAX_CLUSTER) {
            container.reject(container.field("labels") + "." + RunningContainer.CLUSTER_LABEL,
                    "must be at most " + MAX_CLUSTER + " characters");
            return null;
        }
        labels.putIfAbsent(RunningContainer.IMAGE_LABEL, reference);
        return new RunningContainer(reference, image, labels);
    }

    private static TreeMap<String, String> labels(JsonInput container) {
        TreeMap<String, String> labels = new TreeMap<>();
        JsonNode given = container.raw("labels");
        String field = container.field("labels");
        if (given == null) {
            return labels;
        }
        if (!given.isObject() || given.size() > MAX_LABELS) {
            container.reject(field, "must be a JSON object of at most " + MAX_LABELS + " labels with text values");
            return labels;
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = given.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> label = entries.next();
            String key = label.getKey();
            JsonNode value = label.getValue();
            if (key.isBlank() || key.length() > MAX_LABEL_KEY) {
                container.reject(field, "must have label names of 1 to " + MAX_LABEL_KEY + " characters");
            } else if (!value.isTextual() || value.textValue().length() > MAX_LABEL_VALUE) {
                container.reject(field + "." + key, "must be a text of at most " + MAX_LABEL_VALUE + " characters");
            } else {
                labels.put(key, value.textValue());
            }
        }
        return labels;
    }
}
