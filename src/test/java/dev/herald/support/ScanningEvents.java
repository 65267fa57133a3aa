package dev.herald.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events as scan-result ingestion and the runtime inventory emit them (the four types scanning
 * alerts fire on), for posting to {@code /v2/events}.
 */
public final class ScanningEvents {

    private static final String DIGEST = "sha256:" + "ab12".repeat(16);

    private ScanningEvents() {
    }

    /** {@code user.image.analysis.completed}: an image analysed for the first time. */
    public static Map<String, Object> analysisCompleted(String registry, String repository, String tag) {
        return imageEvent("user.image.analysis.completed", registry, repository, tag, Map.of(
                "last_eval", Map.of("imageDigest", DIGEST, "analysis_status", "not_analyzed"),
                "curr_eval", Map.of("imageDigest", DIGEST, "analysis_status", "analyzed"),
                "subscription_type", "analysis_update"));
    }

    /** {@code user.checks.tag.policy_evaluation.update} from one status and final action to another. */
    public static Map<String, Object> policyEvaluation(String registry, String repository, String tag,
            String lastStatus, String lastAction, String currentStatus, String currentAction) {
        return imageEvent("user.checks.tag.policy_evaluation.update", registry, repository, tag, Map.of(
                "last_eval", Map.of("image_digest", DIGEST, "status", lastStatus, "final_action", lastAction, "policy_id", "default"),
                "curr_eval", Map.of("image_digest", DIGEST, "status", currentStatus, "final_action", currentAction, "policy_id", "default"),
                "subscription_type", "policy_eval", "annotations", Map.of()));
    }

    /** {@code user.checks.tag.vulnerabilities.update} with one CVE added. */
    public static Map<String, Object> vulnerabilitiesUpdate(String registry, String repository, String tag) {
        Map<String, Object> cve = Map.of("CVE_ID", "CVE-2026-0001", "Severity", "High", "Vulnerable_Package", "openssl-3.0.1",
                "Fix_Available", "3.0.2", "URL", "https://nvd.nist.gov/vuln/detail/CVE-2026-0001", "Package_Name", "openssl",
                "Package_Version", "3.0.1", "Package_Type", "os", "Feed", "vulnerabilities", "Feed_Group", "debian:12");
        return imageEvent("user.checks.tag.vulnerabilities.update", registry, repository, tag, Map.of(
                "diff_vulnerability_result", Map.of("added", List.of(cve), "updated", List.of(), "removed", List.of()),
                "imageDigest", DIGEST, "subscription_type", "vuln_update", "annotations", Map.of()));
    }

    /** {@code user.runtime.image.unscanned}: an image with no scan result runs where the labels say. */
    public static Map<String, Object> unscanned(String registry, String repository, String tag, Map<String, String> labels) {
        Map<String, Object> event = imageEvent("user.runtime.image.unscanned", registry, repository, tag,
                Map.of("runtime", Map.of("labels", labels), "subscription_type", "unscanned"));
        event.put("level", "info");
        event.put("resource", Map.of("type", "runtime_image", "id", reference(registry, repository, tag)));
        return event;
    }

    private static Map<String, Object> imageEvent(String type, String registry, String repository, String tag,
            Map<String, Object> details) {
        Map<String, Object> withImage = new LinkedHashMap<>(details);
        withImage.put("image", Map.of("registry", registry, "repository", repository, "tag", tag, "digest", DIGEST));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("level", "info");
        event.put("message", "scanning event " + type);
        event.put("details", withImage);
        event.put("resource", Map.of("type", "image_tag", "id", reference(registry, repository, tag)));
        event.put("source", Map.of("service_name", "scanner", "host_id", "ci-7"));
        return event;
    }

    private static String reference(String registry, String repository, String tag) {
        return registry + "/" + repository + ":" + tag;
    }
}
