package dev.herald.scanning.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/** The scan report formats Herald reads, told apart by their top-level fields. */
public enum ReportFormat {
    /** Herald's own: {@code {image, policy, vulnerabilities}}. */
    NORMALIZED,
    /** Grype's JSON output ({@code grype -o json}): {@code {matches, source, …}}. */
    GRYPE,
    /** Trivy's JSON output ({@code trivy image -f json}): {@code {SchemaVersion, ArtifactName, Metadata, Results}}. */
    TRIVY;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReportFormat> parse(String text) {
        for (ReportFormat format : values()) {
            if (format.apiName().equals(text)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format of a report by the fields only it has; empty when it has none of them. */
    public static Optional<ReportFormat> detect(JsonNode report) {
        if (report.has("matches")) {
            return Optional.of(GRYPE);
        }
        if (report.has("Results") || report.has("ArtifactName") || report.has("SchemaVersion")) {
            return Optional.of(TRIVY);
        }
        if (report.has("image") || report.has("vulnerabilities") || report.has("policy")) {
            return Optional.of(NORMALIZED);
        }
        return Optional.empty();
    }

    public ReportReader reader() {
        return switch (this) {
            case NORMALIZED -> new NormalizedReportReader();
            case GRYPE -> new GrypeReportReader();
            case TRIVY -> new TrivyReportReader();
        };
    }
}
