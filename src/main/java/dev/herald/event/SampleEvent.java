package dev.herald.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An event of a catalogue type with details like the ones Anchore sends (a policy turning from pass
 * to fail, a vulnerability diff, an analysis finishing, an error text): what a configuration's
 * templates are checked against when saved, and what a preview renders. Never stored or sent.
 */
public final class SampleEvent {

    private static final String IMAGE_DIGEST = "sha256:0f3c9d2e7b1a4c5d6e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f";

    private SampleEvent() {
    }

    public static Event of(EventTypeCatalogue.KnownType type, String account, ObjectMapper json, Instant now) {
        return new Event(0, "0f3c9d2e7b1a4c5d6e8f90a1b2c3d4e5", type.type(), type.level(), type.message(),
                details(type, json), now, new Event.Resource(account, type.resourceType(), resourceId(type.resourceType())),
                new Event.Source("scanner", "ci-7", "http://ci-7:8228", null), now);
    }

    private static String resourceId(String resourceType) {
        return switch (resourceType) {
            case "image_digest" -> IMAGE_DIGEST;
            case "runtime_image" -> "acme/api:1.4";
            case "repository" -> "docker.io/acme/api";
            case "policy_bundle" -> "default-bundle";
            default -> "docker.io/acme/api:1.4";
        };
    }

    private static ObjectNode details(EventTypeCatalogue.KnownType type, ObjectMapper json) {
        ObjectNode details = json.createObjectNode();
        switch (type.type()) {
            case "user.checks.tag.policy_evaluation.update" -> {
                details.putObject("last_eval").put("status", "pass").put("final_action", "warn")
                        .put("image_digest", IMAGE_DIGEST);
                details.putObject("curr_eval").put("status", "fail").put("final_action", "stop")
                        .put("image_digest", IMAGE_DIGEST);
            }
            case "user.checks.tag.vulnerabilities.update" -> {
                ObjectNode diff = details.putObject("diff_vulnerability_result");
                vulnerability(diff.putArray("added"), "CVE-2026-1111", "Critical", "openssl", "3.0.1", "3.0.9");
                vulnerability(diff.withArray("added"), "CVE-2026-2222", "High", "zlib", "1.2.11", "None");
                vulnerability(diff.putArray("updated"), "CVE-2025-4444", "Low", "busybox", "1.36.0", "1.36.1");
                vulnerability(diff.putArray("removed"), "CVE-2024-5555", "High", "musl", "1.2.3", "1.2.4");
                details.put("imageDigest", IMAGE_DIGEST);
            }
            case "user.image.analysis.completed" -> {
                details.putObject("last_eval").put("imageDigest", IMAGE_DIGEST).put("analysis_status", "not_analyzed");
                details.putObject("curr_eval").put("imageDigest", IMAGE_DIGEST).put("analysis_status", "analyzed");
            }
            default -> details.put("msg", type.message());
        }
        return details;
    }

    private static void vulnerability(ArrayNode list, String id, String severity, String pkg, String version, String fix) {
        list.addObject().put("CVE_ID", id).put("Severity", severity).put("Package_Name", pkg)
                .put("Package_Version", version).put("Vulnerable_Package", pkg + "-" + version)
                .put("Fix_Available", fix).put("URL", "https://nvd.nist.gov/vuln/detail/" + id);
    }
}
