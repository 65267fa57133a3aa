package dev.herald.scanning;

import dev.herald.scanning.report.ReportFormat;
import java.util.List;

/**
 * The latest scan result of a tag, as stored.
 *
 * @param image        the tag and the digest it was scanned at
 * @param policy       the tag's last policy evaluation: this result's, or an earlier one's when this
 *                     result carried none; null when no result carried one
 * @param policyDigest the digest {@code policy} was evaluated for
 */
public record StoredScanResult(
        ImageReference image,
        ReportFormat format,
        PolicyEvaluation policy,
        String policyDigest,
        List<Vulnerability> vulnerabilities) {

    public StoredScanResult {
        vulnerabilities = List.copyOf(vulnerabilities);
    }
}
