package dev.herald.scanning.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.event.Severity;
import dev.herald.scanning.ImageReference;
import dev.herald.scanning.Vulnerability;
import dev.herald.validation.JsonInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Grype's JSON report ({@code grype -o json}): one entry of {@code matches[]} per vulnerability found
 * in a package ({@code vulnerability}, {@code artifact}); the image in {@code source.target}
 * ({@code userInput}, {@code tags}, {@code repoDigests}, {@code manifestDigest}). Grype evaluates no
 * policy.
 */
final class GrypeReportReader implements ReportReader {

    @Override
    public ScanReport read(JsonInput report) {
        List<Vulnerability> found = new ArrayList<>();
        for (JsonInput match : report.objectList("matches", MAX_VULNERABILITIES, true)) {
            Vulnerability vulnerability = vulnerability(match.object("vulnerability", true), match.object("artifact", true));
            if (vulnerability != null) {
                found.add(vulnerability);
            }
        }
        ReportedImage image = image(report.object("source", false));
        report.throwIfInvalid();
        return new ScanReport(image, null, found);
    }

    private static Vulnerability vulnerability(JsonInput vulnerability, JsonInput artifact) {
        String id = vulnerability.requiredText("id", Fields.ID);
        Severity severity = Fields.severity(vulnerability, "severity");
        List<String> fixes = vulnerability.object("fix", false).optionalTextList("versions", Fields.MAX_FIX_VERSIONS, Fields.VERSION);
        String dataSource = vulnerability.optionalText("dataSource", Fields.URL);
        List<String> urls = vulnerability.optionalTextList("urls", Fields.MAX_NAMES, Fields.URL);
        String namespace = vulnerability.optionalText("namespace", Fields.FEED_GROUP);
        String name = artifact.requiredText("name", Fields.PACKAGE);
        String version = artifact.requiredText("version", Fields.VERSION);
        String type = artifact.optionalText("type", Fields.TYPE);
        String url = dataSource != null ? dataSource : urls.isEmpty() ? null : urls.get(0);
        return Fields.vulnerability(id, severity, name, version, type, fixes, url, namespace);
    }

    /**
     * The name the user asked Grype to scan when it has a tag, else the image's first tag; a
     * directory or file scan (a string target) names no image.
     */
    private static ReportedImage image(JsonInput source) {
        JsonNode target = source.raw("target");
        if (target == null || target.isTextual()) {
            return new ReportedImage(null, List.of(), null);
        }
        JsonInput image = source.object("target", false);
        ImageReference typed = Fields.typedName(image.optionalText("userInput", Fields.REFERENCE));
        List<ImageReference> tags = Fields.references(image, "tags");
        List<ImageReference> repoDigests = Fields.references(image, "repoDigests");
        String manifestDigest = Fields.digest(image, "manifestDigest");
        ImageReference named = typed != null && typed.tag() != null || tags.isEmpty() ? typed : tags.get(0);
        return new ReportedImage(named, repoDigests, manifestDigest);
    }
}
