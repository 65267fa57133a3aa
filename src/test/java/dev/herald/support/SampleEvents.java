package dev.herald.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample event, in Anchore's shape, for every type of the event catalogue, with details like
 * the ones Anchore sends (REFERENCE-NOTES): a policy change, a vulnerability diff, an analysis
 * change, error messages. Deterministic, so the messages rendered from them can be golden files.
 */
public final class SampleEvents {

    public static final String TIMESTAMP = "2026-11-21T09:08:54.749Z";
    public static final String IMAGE_DIGEST = "sha256:0f3c9d2e7b1a4c5d6e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A catalogue type: its name, level and resource type. */
    public record CatalogueType(String type, String level, String resourceType, String message) {

        @Override
        public String toString() {
            return type;
        }
    }

    private SampleEvents() {
    }

    public static List<CatalogueType> catalogue() {
        try (InputStream in = SampleEvents.class.getResourceAsStream("/dev/herald/event/anchore-event-types.json")) {
            List<CatalogueType> types = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(in).get("event_types")) {
                types.add(new CatalogueType(entry.get("type").asText(), entry.get("level").asText(),
                        entry.get("resource_type").asText(), entry.get("message").asText()));
            }
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample event of a type, ready to post to {@code /v2/events}. */
    public static Map<String, Object> of(CatalogueType type) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type.type());
        event.put("level", type.level());
        event.put("message", type.message());
        event.put("details", details(type));
        event.put("timestamp", TIMESTAMP);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type.resourceType());
        resource.put("id", resourceId(type.resourceType()));
        event.put("resource", resource);
        event.put("source", Map.of("service_name", "scanner", "host_id", "ci-7", "base_url", "http://ci-7:8228"));
        return event;
    }

    private static String resourceId(String resourceType) {
        return switch (resourceType) {
            case "image_tag", "image_reference" -> "docker.io/acme/api:1.4";
            case "runtime_image" -> "acme/api:1.4";
            case "image_digest" -> IMAGE_DIGEST;
            case "repository" -> "docker.io/acme/api";
            case "policy_bundle" -> "default-bundle";
            case "service" -> "http://policy-engine:8228";
            case "feed" -> "vulnerabilities";
            case "feed_group" -> "nvd";
            default -> null;
        };
    }

    private static Object details(CatalogueType type) {
        switch (type.type()) {
            case "user.checks.tag.policy_evaluation.update":
                return Map.of(
                        "last_eval", Map.of("status", "pass", "final_action", "warn", "image_digest", IMAGE_DIGEST),
                        "curr_eval", Map.of("status", "fail", "final_action", "stop", "image_digest", IMAGE_DIGEST),
                        "subscription_type", "policy_eval");
            case "user.checks.tag.vulnerabilities.update":
                return Map.of(
                        "diff_vulnerability_result", Map.of(
                                "added", List.of(
                                        vulnerability("CVE-2026-1111", "Critical", "openssl", "3.0.1", "None"),
                                        vulnerability("CVE-2026-2222", "High", "zlib", "1.2.11", "1.2.13"),
                                        vulnerability("CVE-2026-3333", "Medium", "curl", "7.88.0", "8.0.1")),
                                "updated", List.of(vulnerability("CVE-2025-4444", "Low", "busybox", "1.36.0", "1.36.1")),
                                "removed", List.of(vulnerability("CVE-2024-5555", "High", "musl", "1.2.3", "1.2.4"))),
                        "imageDigest", IMAGE_DIGEST,
                        "subscription_type", "vuln_update");
            case "user.image.analysis.completed":
                return Map.of(
                        "last_eval", Map.of("imageDigest", IMAGE_DIGEST, "analysis_status", "not_analyzed"),
                        "curr_eval", Map.of("imageDigest", IMAGE_DIGEST, "analysis_status", "analyzed"),
                        "subscription_type", "analysis_update");
            case "user.runtime.image.unscanned":
                return Map.of(
                        "image", Map.of("registry", "docker.io", "repository", "acme/api", "tag", "1.4", "digest", IMAGE_DIGEST),
                        "runtime", Map.of("labels", Map.of("kubernetes.cluster.name", "prod-eu", "kubernetes.namespace.name",
                                "payments", "container.name", "api", "container.image", "acme/api:1.4")),
                        "subscription_type", "unscanned");
            default:
                return type.level().equals("error")
                        ? Map.of("msg", type.message() + ": connection reset by registry.acme.example (attempt 3 of 3)")
                        : Map.of("msg", type.message());
        }
    }

    private static Map<String, Object> vulnerability(String id, String severity, String pkg, String version, String fix) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("CVE_ID", id);
        entry.put("Severity", severity);
        entry.put("Vulnerable_Package", pkg + "-" + version);
        entry.put("Package_Name", pkg);
        entry.put("Package_Version", version);
        entry.put("Package_Type", "APKG");
        entry.put("Fix_Available", fix);
        entry.put("URL", "https://nvd.nist.gov/vuln/detail/" + id);
        entry.put("Feed", "vulnerabilities");
        entry.put("Feed_Group", "alpine:3.17");
        return entry;
    }
}
