package dev.herald.scanning.report;

import dev.herald.event.Severity;
import dev.herald.scanning.ImageReference;
import dev.herald.scanning.Vulnerability;
import dev.herald.validation.JsonInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trivy's JSON report ({@code trivy image -f json}): vulnerabilities under {@code Results[]} (one
 * result per target: the OS packages, each language's packages), the image in {@code ArtifactName}
 * and {@code Metadata} ({@code RepoTags}, {@code RepoDigests}, {@code ImageID}). Trivy evaluates no
 * policy.
 */
final class TrivyReportReader implements ReportReader {

    private static final int MAX_RESULTS = 10_000;

    @Override
    public ScanReport read(JsonInput report) {
        ImageReference typed = Fields.typedName(report.optionalText("ArtifactName", Fields.REFERENCE));
        JsonInput metadata = report.object("Metadata", false);
        List<ImageReference> repoTags = Fields.references(metadata, "RepoTags");
        List<ImageReference> repoDigests = Fields.references(metadata, "RepoDigests");
        // the image's config digest: the last resort, for an image never pushed (no RepoDigests)
        String imageId = Fields.digest(metadata, "ImageID");
        List<Vulnerability> found = new ArrayList<>();
        for (JsonInput result : report.objectList("Results", MAX_RESULTS, false)) {
            String resultType = result.optionalText("Type", Fields.TYPE);
            for (JsonInput entry : result.objectList("Vulnerabilities", MAX_VULNERABILITIES, false)) {
                Vulnerability vulnerability = vulnerability(entry, resultType);
                if (vulnerability != null) {
                    found.add(vulnerability);
                }
            }
        }
        if (found.size() > MAX_VULNERABILITIES) {
            report.reject(report.field("Results"), "must hold at most " + MAX_VULNERABILITIES + " vulnerabilities");
        }
        report.throwIfInvalid();
        ImageReference named = typed != null && typed.tag() != null || repoTags.isEmpty() ? typed : repoTags.get(0);
        return new ScanReport(new ReportedImage(named, repoDigests, imageId), null, found);
    }

    private static Vulnerability vulnerability(JsonInput entry, String resultType) {
        String id = entry.requiredText("VulnerabilityID", Fields.ID);
        String name = entry.requiredText("PkgName", Fields.PACKAGE);
        String version = entry.requiredText("InstalledVersion", Fields.VERSION);
        String fixed = entry.optionalText("FixedVersion", Fields.VERSION * Fields.MAX_FIX_VERSIONS);
        Severity severity = Fields.severity(entry, "Severity");
        String url = entry.optionalText("PrimaryURL", Fields.URL);
        String feedGroup = entry.object("DataSource", false).optionalText("ID", Fields.FEED_GROUP);
        String purl = entry.object("PkgIdentifier", false).optionalText("PURL", Fields.URL);
        // Trivy lists several fixed versions in one string: "1.1.1d-r0, 1.1.1e-r0"
        List<String> fixes = fixed == null ? List.of()
                : Arrays.stream(fixed.split(",")).map(String::strip).filter(fix -> !fix.isEmpty()).toList();
        return Fields.vulnerability(id, severity, name, version, packageType(purl, resultType), fixes, url, feedGroup);
    }

    /** The package URL's type (apk, deb, npm, maven…) when Trivy gives one, else the result's type. */
    private static String packageType(String purl, String resultType) {
        if (purl != null && purl.startsWith("pkg:") && purl.indexOf('/') > 4 && purl.indexOf('/') <= 4 + Fields.TYPE) {
            return purl.substring(4, purl.indexOf('/'));
        }
        return resultType;
    }
}
