package dev.herald.scanning;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.event.Severity;
import dev.herald.scanning.PolicyEvaluation.FinalAction;
import dev.herald.scanning.report.ReportFormat;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Tables scan_results (the latest result of each tag, its vulnerability set as JSON) and
 * scanned_digests (every digest ever scanned). Every method works in the caller's transaction.
 */
final class ScanResultRepository {

    private static final TypeReference<List<StoredVulnerability>> VULNERABILITY_LIST = new TypeReference<>() {
    };
    private static final String TAG_IS = "account_name = :account AND registry = :registry AND repository = :repository AND tag = :tag";

    /** A vulnerability as stored: the normalized report format's entry. */
    private record StoredVulnerability(
            String id,
            String severity,
            @JsonProperty("package") String packageName,
            String version,
            String type,
            @JsonProperty("fix_versions") List<String> fixVersions,
            String url,
            @JsonProperty("feed_group") String feedGroup) {
    }

    private final ObjectMapper json;

    ScanResultRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The tag's result, locked until the transaction ends, so two results for one tag are diffed one after the other. */
    Optional<StoredScanResult> lock(Handle handle, String account, ImageReference tag) {
        return handle.createQuery("SELECT digest, report_format, policy_final_action, policy_id, policy_digest, vulnerabilities "
                        + "FROM scan_results WHERE " + TAG_IS + " FOR UPDATE")
                .bind("account", account)
                .bindMethods(tag)
                .map((rs, ctx) -> read(rs, tag))
                .findOne();
    }

    void save(Handle handle, String account, StoredScanResult result, boolean replacing, Instant at) {
        String sql = replacing
                ? "UPDATE scan_results SET digest = :digest, report_format = :format, policy_status = :status, "
                        + "policy_final_action = :action, policy_id = :policyId, policy_digest = :policyDigest, "
                        + "vulnerability_count = :count, vulnerabilities = :vulnerabilities, scanned_at = :at WHERE " + TAG_IS
                : "INSERT INTO scan_results (account_name, registry, repository, tag, digest, report_format, policy_status, "
                        + "policy_final_action, policy_id, policy_digest, vulnerability_count, vulnerabilities, first_scanned_at, "
                        + "scanned_at) VALUES (:account, :registry, :repository, :tag, :digest, :format, :status, :action, "
                        + ":policyId, :policyDigest, :count, :vulnerabilities, :at, :at)";
        PolicyEvaluation policy = result.policy();
        handle.createUpdate(sql)
                .bind("account", account)
                .bindMethods(result.image())
                .bind("format", result.format().apiName())
                .bind("status", policy == null ? null : policy.status().apiName())
                .bind("action", policy == null ? null : policy.finalAction().apiName())
                .bind("policyId", policy == null ? null : policy.policyId())
                .bind("policyDigest", result.policyDigest())
                .bind("count", result.vulnerabilities().size())
                .bind("vulnerabilities", write(result.vulnerabilities()))
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** Records that the digest was scanned; a digest already recorded keeps its first time. */
    void recordDigest(Handle handle, String account, String digest, Instant at) {
        handle.createUpdate("INSERT INTO scanned_digests (account_name, digest, first_scanned_at) SELECT :account, :digest, :at "
                        + "WHERE NOT EXISTS (SELECT 1 FROM scanned_digests WHERE account_name = :account AND digest = :digest)")
                .bind("account", account)
                .bind("digest", digest)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** Whether the image has a scan result: its digest if it names one (under any tag, then or now), else its tag. */
    boolean isScanned(Handle handle, String account, ImageReference image) {
        String sql = image.digest() != null
                ? "SELECT COUNT(*) FROM scanned_digests WHERE account_name = :account AND digest = :digest"
                : "SELECT COUNT(*) FROM scan_results WHERE " + TAG_IS;
        return handle.createQuery(sql).bind("account", account).bindMethods(image).mapTo(Integer.class).one() > 0;
    }

    private StoredScanResult read(ResultSet rs, ImageReference tag) throws SQLException {
        String action = rs.getString("policy_final_action");
        String policyId = rs.getString("policy_id");
        PolicyEvaluation policy = action == null ? null : PolicyEvaluation.parse(FinalAction.class, action)
                .map(finalAction -> new PolicyEvaluation(finalAction.status(), finalAction, policyId))
                .orElseThrow();
        return new StoredScanResult(
                tag.withDigest(rs.getString("digest")),
                ReportFormat.parse(rs.getString("report_format")).orElseThrow(),
                policy,
                rs.getString("policy_digest"),
                read(rs.getString("vulnerabilities")));
    }

    private String write(List<Vulnerability> vulnerabilities) {
        try {
            return json.writeValueAsString(vulnerabilities.stream().map(v -> new StoredVulnerability(v.id(),
                    v.severity().label(), v.packageName(), v.packageVersion(), v.packageType(), v.fixVersions(), v.url(),
                    v.feedGroup())).toList());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Vulnerability> read(String stored) {
        try {
            return json.readValue(stored, VULNERABILITY_LIST).stream().map(v -> new Vulnerability(v.id(),
                    Severity.parse(v.severity()).orElse(Severity.UNKNOWN), v.packageName(), v.version(), v.type(),
                    v.fixVersions() == null ? List.of() : v.fixVersions(), v.url(), v.feedGroup())).toList();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
