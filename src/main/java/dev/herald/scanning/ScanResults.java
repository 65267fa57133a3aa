package dev.herald.scanning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.event.Event;
import dev.herald.event.EventRepository;
import dev.herald.event.NewEvent;
import dev.herald.scanning.report.ReportFormat;
import dev.herald.scanning.report.ScanReport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores scan results, one per tag of an account, and in the same transaction the events that tell
 * what changed since the tag's previous result:
 * <ul>
 *   <li>{@code user.image.analysis.completed} when the tag gets its first result, or one for a digest
 *       it did not have (a new image was pushed to the tag);
 *   <li>{@code user.checks.tag.policy_evaluation.update} when the status or final action differs
 *       from the tag's last policy evaluation (a result without one, Grype's or Trivy's, leaves the
 *       last one as it was and emits nothing about policy);
 *   <li>{@code user.checks.tag.vulnerabilities.update} when the vulnerability set differs from the
 *       previous result's.
 * </ul>
 * The same result posted twice emits nothing.
 */
public final class ScanResults {

    /** What one result stored and emitted. */
    public record Ingested(ImageReference image, ReportFormat format, PolicyEvaluation policy, int vulnerabilities,
            List<Event> events) {
    }

    private final Jdbi jdbi;
    private final ScanResultRepository results;
    private final RuntimeInventoryRepository inventory;
    private final EventRepository events;
    private final ImageEvents imageEvents;
    private final Clock clock;

    public ScanResults(Jdbi jdbi, EventRepository events, ImageEvents imageEvents, Clock clock,
            ObjectMapper json) {
        this.jdbi = jdbi;
        this.results = new ScanResultRepository(json);
        this.inventory = new RuntimeInventoryRepository(json);
        this.events = events;
        this.imageEvents = imageEvents;
        this.clock = clock;
    }

    /**
     * @param requested the request's {@code ?image=}, or null: names the tag when the report has
     *                  none, or another tag than the report's
     */
    public Ingested ingest(String account, ReportFormat format, ScanReport report, ImageReference requested) {
        ImageReference image = report.image().resolve(requested);
        return UniqueViolations.retriedOnce(() -> jdbi.inTransaction(handle -> store(handle, account, format, report, image)));
    }

    private Ingested store(Handle handle, String account, ReportFormat format, ScanReport report, ImageReference image) {
        Instant now = clock.instant();
        Optional<StoredScanResult> previous = results.lock(handle, account, image);
        List<NewEvent> emitted = new ArrayList<>();
        if (previous.isEmpty() || !previous.get().image().digest().equals(image.digest())) {
            emitted.add(imageEvents.analysisCompleted(account, image));
        }
        PolicyEvaluation policy = previous.map(StoredScanResult::policy).orElse(null);
        String policyDigest = previous.map(StoredScanResult::policyDigest).orElse(null);
        if (report.policy() != null) {
            if (policy != null && policy.outcomeDiffers(report.policy())) {
                emitted.add(imageEvents.policyEvaluationChanged(account, image, policy, policyDigest, report.policy()));
            }
            policy = report.policy();
            policyDigest = image.digest();
        }
        previous.map(before -> VulnerabilityDiff.between(before.vulnerabilities(), report.vulnerabilities()))
                .filter(diff -> !diff.isEmpty())
                .ifPresent(diff -> emitted.add(imageEvents.vulnerabilitiesChanged(account, image, diff)));

        results.save(handle, account, new StoredScanResult(image, format, policy, policyDigest, report.vulnerabilities()),
                previous.isPresent(), now);
        results.recordDigest(handle, account, image.digest(), now);
        inventory.forgetUnscanned(handle, account, image);
        return new Ingested(image, format, report.policy(), report.vulnerabilities().size(), events.insert(handle, emitted));
    }
}
