package dev.herald.scanning;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.event.Event;
import dev.herald.event.EventTypeCatalogue;
import dev.herald.event.EventTypeCatalogue.KnownType;
import dev.herald.event.NewEvent;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The events Herald emits about images, in the shape the alert matcher and Anchore's consumers read:
 * resource {@code image_tag} {@code registry/repository:tag} (the running reference for unscanned
 * images) and {@code details.image} {@code {registry, repository, tag, digest}} on every one.
 */
public final class ImageEvents {

    public static final String ANALYSIS_COMPLETED = "user.image.analysis.completed";
    public static final String POLICY_EVALUATION_UPDATE = "user.checks.tag.policy_evaluation.update";
    public static final String VULNERABILITIES_UPDATE = "user.checks.tag.vulnerabilities.update";
    public static final String RUNTIME_UNSCANNED = "user.runtime.image.unscanned";

    static final String SCAN_RESULTS_SERVICE = "herald-scan-results";
    static final String RUNTIME_INVENTORY_SERVICE = "herald-runtime-inventory";
    private static final String IMAGE_TAG = "image_tag";
    private static final String RUNTIME_IMAGE = "runtime_image";

    private final EventTypeCatalogue catalogue;
    private final ObjectMapper json;
    private final Clock clock;
    private final String hostId;

    public ImageEvents(EventTypeCatalogue catalogue, ObjectMapper json, Clock clock, String hostId) {
        this.catalogue = catalogue;
        this.json = json;
        this.clock = clock;
        this.hostId = hostId;
    }

    /** A tag got its first result, or a result for a digest it did not have: an image was analysed. */
    NewEvent analysisCompleted(String account, ImageReference image) {
        ObjectNode details = json.createObjectNode();
        details.putObject("last_eval").put("imageDigest", image.digest()).put("analysis_status", "not_analyzed");
        details.putObject("curr_eval").put("imageDigest", image.digest()).put("analysis_status", "analyzed");
        details.put("subscription_type", "analysis_update");
        return imageTagEvent(ANALYSIS_COMPLETED, account, image, details);
    }

    NewEvent policyEvaluationChanged(String account, ImageReference image, PolicyEvaluation last, String lastDigest,
            PolicyEvaluation current) {
        ObjectNode details = json.createObjectNode();
        details.set("last_eval", evaluation(last, lastDigest));
        details.set("curr_eval", evaluation(current, image.digest()));
        details.put("subscription_type", "policy_eval");
        details.putObject("annotations");
        return imageTagEvent(POLICY_EVALUATION_UPDATE, account, image, details);
    }

    NewEvent vulnerabilitiesChanged(String account, ImageReference image, VulnerabilityDiff diff) {
        ObjectNode details = json.createObjectNode();
        ObjectNode result = details.putObject("diff_vulnerability_result");
        result.set("added", entries(diff.added()));
        result.set("updated", entries(diff.updated()));
        result.set("removed", entries(diff.removed()));
        details.put("imageDigest", image.digest());
        details.put("subscription_type", "vuln_update");
        details.putObject("annotations");
        return imageTagEvent(VULNERABILITIES_UPDATE, account, image, details);
    }

    /**
     * A running image without a scan result, in one scope (a label set).
     *
     * @param reference the image as the inventory reported it, the resource id
     */
    NewEvent runtimeUnscanned(String account, String reference, ImageReference image, Map<String, String> labels) {
        ObjectNode details = json.createObjectNode();
        details.set("image", image(image));
        ObjectNode scope = details.putObject("runtime").putObject("labels");
        labels.forEach(scope::put);
        details.put("subscription_type", "unscanned");
        return event(RUNTIME_UNSCANNED, account, RUNTIME_IMAGE, reference, details, RUNTIME_INVENTORY_SERVICE);
    }

    private NewEvent imageTagEvent(String type, String account, ImageReference image, ObjectNode details) {
        details.set("image", image(image));
        return event(type, account, IMAGE_TAG, image.tagged(), details, SCAN_RESULTS_SERVICE);
    }

    private NewEvent event(String type, String account, String resourceType, String resourceId, ObjectNode details,
            String service) {
        KnownType known = catalogue.find(type).orElseThrow(() -> new IllegalStateException(type + " is not in the catalogue"));
        return new NewEvent(null, type, known.level(), known.message(), details, clock.instant(),
                new Event.Resource(account, resourceType, resourceId), new Event.Source(service, hostId, null, null));
    }

    private ObjectNode image(ImageReference image) {
        return json.createObjectNode().put("registry", image.registry()).put("repository", image.repository())
                .put("tag", image.tag()).put("digest", image.digest());
    }

    private ObjectNode evaluation(PolicyEvaluation policy, String digest) {
        return json.createObjectNode().put("image_digest", digest).put("status", policy.status().apiName())
                .put("final_action", policy.finalAction().apiName()).put("policy_id", policy.policyId());
    }

    /** Anchore's vulnerability entries. */
    private ArrayNode entries(List<Vulnerability> vulnerabilities) {
        ArrayNode entries = json.createArrayNode();
        for (Vulnerability vulnerability : vulnerabilities) {
            entries.addObject()
                    .put("CVE_ID", vulnerability.id())
                    .put("Severity", vulnerability.severity().label())
                    .put("Vulnerable_Package", vulnerability.packageName() + "-" + vulnerability.packageVersion())
                    .put("Fix_Available", vulnerability.fixVersions().isEmpty() ? "None" : String.join(", ", vulnerability.fixVersions()))
                    .put("URL", vulnerability.url())
                    .put("Package_Name", vulnerability.packageName())
                    .put("Package_Version", vulnerability.packageVersion())
                    .put("Package_Type", vulnerability.packageType())
                    .put("Feed", "vulnerabilities")
                    .put("Feed_Group", vulnerability.feedGroup());
        }
        return entries;
    }
}
