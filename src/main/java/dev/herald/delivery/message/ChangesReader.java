package dev.herald.delivery.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.delivery.message.Changes.AnalysisChange;
import dev.herald.delivery.message.Changes.Change;
import dev.herald.delivery.message.Changes.Note;
import dev.herald.delivery.message.Changes.PolicyChange;
import dev.herald.delivery.message.Changes.VulnerabilityChange;
import dev.herald.delivery.message.Changes.Vulnerability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the changes summary out of an event's details, by their shape rather than the event type, so events
 * from Anchore, Sysdig-style producers and Herald's own ingestion read alike. Field names vary
 * between producers ({@code image_digest}/{@code imageDigest}, {@code CVE_ID}/{@code id}), so each
 * value is looked up under the names seen in the wild.
 */
public final class ChangesReader {

    /** Most severe first; anything else sorts last. */
    static final List<String> SEVERITIES = List.of("Critical", "High", "Medium", "Low", "Negligible", "Unknown");
    static final int TOP_VULNERABILITIES = 5;

    private ChangesReader() {
    }

    public static Optional<Changes> read(JsonNode details) {
        if (details == null || !details.isObject()) {
            return Optional.empty();
        }
        JsonNode diff = details.get("diff_vulnerability_result");
        if (diff != null && diff.isObject()) {
            return Optional.of(vulnerabilities(diff, text(details, "imageDigest", "image_digest")));
        }
        JsonNode last = details.get("last_eval");
        JsonNode current = details.get("curr_eval");
        if (current != null && current.isObject()) {
            if (current.has("analysis_status")) {
                return Optional.of(new AnalysisChange(text(last, "analysis_status"), text(current, "analysis_status"),
                        text(current, "imageDigest", "image_digest")));
            }
            return Optional.of(new PolicyChange(text(last, "status"), text(last, "final_action", "finalAction", "action"),
                    text(current, "status"), text(current, "final_action", "finalAction", "action"),
                    text(current, "image_digest", "imageDigest")));
        }
        JsonNode runtime = details.path("runtime").path("labels");
        if (runtime.isObject() && !runtime.isEmpty()) {
            return Optional.of(new Note("Running where " + labels(runtime)));
        }
        String note = text(details, "msg", "cause", "message");
        return note == null ? Optional.empty() : Optional.of(new Note(note));
    }

    /** A runtime event's scope, {@code label=value, …} sorted by label, as an alert scope names it. */
    private static String labels(JsonNode labels) {
        Map<String, String> sorted = new TreeMap<>();
        labels.fields().forEachRemaining(label -> sorted.put(label.getKey(), label.getValue().asText()));
        List<String> pairs = new ArrayList<>();
        sorted.forEach((label, value) -> pairs.add(label + "=" + value));
        return String.join(", ", pairs);
    }

    private static VulnerabilityChange vulnerabilities(JsonNode diff, String imageDigest) {
        List<Vulnerability> added = entries(diff.get("added"), Change.ADDED);
        List<Vulnerability> updated = entries(diff.get("updated"), Change.UPDATED);
        List<Vulnerability> removed = entries(diff.get("removed"), Change.REMOVED);
        pairUpgrades(added, updated, removed);
        List<Vulnerability> changed = new ArrayList<>(added);
        changed.addAll(updated);
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        SEVERITIES.forEach(severity -> bySeverity.put(severity, 0));
        for (Vulnerability vulnerability : changed) {
            bySeverity.merge(vulnerability.severity(), 1, Integer::sum);
        }
        bySeverity.values().removeIf(count -> count == 0);
        return new VulnerabilityChange(added.size(), updated.size(), removed.size(), bySeverity, mostSevere(changed),
                mostSevere(removed), imageDigest);
    }

    /**
     * A scanner keys a vulnerability by its package's version too, so an upgrade that does not fix it
     * reads as removed (old version) and added (new version): each such pair becomes one update.
     */
    private static void pairUpgrades(List<Vulnerability> added, List<Vulnerability> updated, List<Vulnerability> removed) {
        for (Iterator<Vulnerability> newer = added.iterator(); newer.hasNext(); ) {
            Vulnerability now = newer.next();
            Optional<Vulnerability> before = removed.stream().filter(now::isUpgradeOf).findFirst();
            if (before.isPresent()) {
                removed.remove(before.get());
                newer.remove();
                updated.add(now.upgradedFrom(before.get()));
            }
        }
    }

    private static List<Vulnerability> mostSevere(List<Vulnerability> vulnerabilities) {
        return vulnerabilities.stream()
                .sorted(Comparator.comparingInt((Vulnerability v) -> rank(v.severity())).thenComparing(Vulnerability::id))
                .limit(TOP_VULNERABILITIES)
                .toList();
    }

    private static List<Vulnerability> entries(JsonNode list, Change change) {
        List<Vulnerability> entries = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode entry : list) {
                String fix = text(entry, "Fix_Available", "fix", "fixed_in", "fix_versions");
                entries.add(new Vulnerability(change,
                        Optional.ofNullable(text(entry, "CVE_ID", "vulnerability_id", "id")).orElse("unnamed"),
                        severity(text(entry, "Severity", "severity")),
                        text(entry, "Package_Name", "package_name", "package", "Vulnerable_Package"),
                        text(entry, "Package_Version", "package_version", "version"),
                        null,
                        fix == null || fix.isBlank() || fix.equalsIgnoreCase("none") ? null : fix,
                        text(entry, "URL", "url", "link")));
            }
        }
        return entries;
    }

    private static String severity(String text) {
        if (text == null || text.isBlank()) {
            return "Unknown";
        }
        String normal = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1).toLowerCase(Locale.ROOT);
        return SEVERITIES.contains(normal) ? normal : "Unknown";
    }

    private static int rank(String severity) {
        return SEVERITIES.indexOf(severity);
    }

    /** The first of the names that holds a scalar; arrays of scalars are joined with ", ". */
    private static String text(JsonNode node, String... names) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isValueNode()) {
                return value.asText();
            }
            if (value.isArray()) {
                List<String> parts = new ArrayList<>();
                value.forEach(item -> {
                    if (item.isValueNode()) {
                        parts.add(item.asText());
                    }
                });
                return parts.isEmpty() ? null : String.join(", ", parts);
            }
        }
        return null;
    }
}
