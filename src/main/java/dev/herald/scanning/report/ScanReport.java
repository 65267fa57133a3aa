package dev.herald.scanning.report;

import dev.herald.event.Severity;
import dev.herald.scanning.PolicyEvaluation;
import dev.herald.scanning.Vulnerability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A scan report as read, whatever its format.
 *
 * @param policy        null when the report carries no policy evaluation (Grype, Trivy)
 * @param vulnerabilities distinct by {@link Vulnerability.Key}, in key order
 */
public record ScanReport(ReportedImage image, PolicyEvaluation policy, List<Vulnerability> vulnerabilities) {

    private static final Comparator<Vulnerability> BY_KEY = Comparator.comparing(Vulnerability::id)
            .thenComparing(Vulnerability::packageName).thenComparing(Vulnerability::packageVersion);

    public ScanReport {
        vulnerabilities = distinct(vulnerabilities);
    }

    /**
     * Scanners list one vulnerability of one package several times (Grype once per location and
     * matcher, Trivy once per target): merged into one entry with the highest severity and every fix
     * version (sorted), so the set does not depend on the order the scanner wrote it in.
     */
    private static List<Vulnerability> distinct(List<Vulnerability> found) {
        Map<Vulnerability.Key, Vulnerability> merged = new LinkedHashMap<>();
        for (Vulnerability vulnerability : found) {
            merged.merge(vulnerability.key(), vulnerability, ScanReport::merge);
        }
        List<Vulnerability> sorted = new ArrayList<>(merged.values());
        sorted.sort(BY_KEY);
        return List.copyOf(sorted);
    }

    private static Vulnerability merge(Vulnerability first, Vulnerability second) {
        Severity severity = first.severity().compareTo(second.severity()) <= 0 ? first.severity() : second.severity();
        TreeSet<String> fixes = new TreeSet<>(first.fixVersions());
        fixes.addAll(second.fixVersions());
        return new Vulnerability(first.id(), severity, first.packageName(), first.packageVersion(),
                first.packageType() != null ? first.packageType() : second.packageType(), List.copyOf(fixes),
                first.url() != null ? first.url() : second.url(),
                first.feedGroup() != null ? first.feedGroup() : second.feedGroup());
    }
}
