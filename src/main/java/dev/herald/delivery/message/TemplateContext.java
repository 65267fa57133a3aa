package dev.herald.delivery.message;

import dev.herald.delivery.message.Changes.AnalysisChange;
import dev.herald.delivery.message.Changes.Note;
import dev.herald.delivery.message.Changes.PolicyChange;
import dev.herald.delivery.message.Changes.VulnerabilityChange;
import dev.herald.delivery.message.Notification.AlertReference;
import dev.herald.delivery.message.Notification.Tone;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values a template sees, in snake case: the notification's fields, and one section per kind
 * of changes ({@code policy}, {@code vulnerabilities}, {@code analysis}, {@code note}), present only
 * for that kind, so templates write {@code {{#policy}}…{{/policy}}}.
 */
final class TemplateContext {

    private TemplateContext() {
    }

    static Map<String, Object> of(Notification notification) {
        Map<String, Object> context = new HashMap<>();
        context.put("event_id", notification.eventId());
        context.put("delivery_id", notification.deliveryId());
        context.put("type", notification.type());
        context.put("type_label", typeLabel(notification.type()));
        context.put("level", notification.level().apiName());
        context.put("level_upper", notification.level().apiName().toUpperCase(Locale.ROOT));
        context.put("is_error", notification.level() == dev.herald.event.EventLevel.ERROR);
        Tone tone = notification.tone();
        context.put("tone", tone.name().toLowerCase(Locale.ROOT));
        context.put("is_failure", tone == Tone.FAILURE);
        context.put("is_resolved", tone == Tone.RESOLVED);
        context.put("message", notification.message());
        context.put("account", notification.account());
        context.put("resource_type", notification.resourceType());
        context.put("resource_id", notification.resourceId());
        context.put("source", source(notification));
        context.put("time", notification.time().toString());
        context.put("epoch", notification.time().getEpochSecond());
        context.put("link", notification.link());
        context.put("alerts", alerts(notification));
        context.put("has_alerts", !notification.alerts().isEmpty());
        Changes changes = notification.changes();
        if (changes instanceof PolicyChange policy) {
            context.put("policy", policy(policy));
        } else if (changes instanceof VulnerabilityChange change) {
            context.put("vulnerabilities", vulnerabilities(change));
        } else if (changes instanceof AnalysisChange analysis) {
            context.put("analysis", analysis(analysis));
        } else if (changes instanceof Note note) {
            context.put("note", Map.of("text", note.text()));
        }
        return context;
    }

    /**
     * The values a digest's templates see: {@code digest_id}, {@code count}, {@code has_error}, and
     * {@code groups}, each with {@code type}, {@code type_label}, {@code level}, {@code is_error},
     * {@code highest_severity}, {@code count}, {@code lines} (each a {@code text}) and {@code more}.
     */
    static Map<String, Object> of(DigestNotification digest) {
        Map<String, Object> context = new HashMap<>();
        context.put("digest_id", digest.digestId());
        context.put("count", digest.count());
        context.put("has_error", digest.hasError());
        List<Map<String, Object>> groups = new ArrayList<>();
        for (DigestNotification.Group group : digest.groups()) {
            Map<String, Object> values = new HashMap<>();
            values.put("type", group.type());
            values.put("type_label", typeLabel(group.type()));
            values.put("level", group.level().apiName());
            values.put("is_error", group.level() == dev.herald.event.EventLevel.ERROR);
            values.put("highest_severity", group.highestSeverity());
            values.put("count", group.count());
            values.put("lines", group.lines().stream().map(line -> Map.of("text", line)).toList());
            values.put("more", group.more() == 0 ? null : group.more());
            groups.add(values);
        }
        context.put("groups", groups);
        return context;
    }

    /**
     * What a webhook's body_template sees for a digest: {@code digest_id}, {@code count} and
     * {@code events}, each with the values a single event's template sees and {@code comma}
     * ("," but after the last, for a JSON list: {@code [{{#events}}"{{event_id}}"{{comma}}{{/events}}]}).
     */
    static Map<String, Object> ofEvents(String digestId, List<Notification> events) {
        Map<String, Object> context = new HashMap<>();
        context.put("digest_id", digestId);
        context.put("count", events.size());
        List<Map<String, Object>> values = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Map<String, Object> event = of(events.get(i));
            // Mustache has no "last": a JSON list's separator, empty after the last event
            event.put("comma", i < events.size() - 1 ? "," : "");
            values.add(event);
        }
        context.put("events", values);
        return context;
    }

    /**
     * A short name of the type for titles: the type without its audience (user, system), in words,
     * e.g. "Checks tag vulnerabilities update". It depends on the type alone, so titles made of it
     * stay the same for every repeat.
     */
    static String typeLabel(String type) {
        String subject = type.indexOf('.') > 0 ? type.substring(type.indexOf('.') + 1) : type;
        String words = subject.replace('.', ' ').replace('_', ' ').strip();
        return words.isEmpty() ? type : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String source(Notification notification) {
        if (notification.sourceService() == null && notification.sourceHost() == null) {
            return null;
        }
        if (notification.sourceHost() == null) {
            return notification.sourceService();
        }
        return (notification.sourceService() == null ? "" : notification.sourceService() + " on ") + notification.sourceHost();
    }

    /** Each alert with its id, name and link (null without one). */
    private static List<Map<String, Object>> alerts(Notification notification) {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (AlertReference reference : notification.alerts()) {
            Map<String, Object> alert = new HashMap<>();
            // prefixed, so that inside {{#alerts}} a missing alert link is never taken for the event's {{link}}
            alert.put("alert_id", reference.id());
            alert.put("alert_name", reference.name());
            alert.put("alert_link", reference.link());
            alerts.add(alert);
        }
        return alerts;
    }

    private static Map<String, Object> policy(PolicyChange policy) {
        Map<String, Object> values = new HashMap<>();
        values.put("last_status", policy.lastStatus());
        values.put("last_action", policy.lastAction());
        values.put("current_status", policy.currentStatus());
        values.put("current_action", policy.currentAction());
        values.put("image_digest", policy.imageDigest());
        boolean failing = PolicyChange.FAIL.equalsIgnoreCase(policy.currentStatus());
        boolean failed = PolicyChange.FAIL.equalsIgnoreCase(policy.lastStatus());
        values.put("failing", failing);
        // what changed, in words: "Policy evaluation {{verdict}}"
        values.put("verdict", failing ? (failed ? "still fails" : "failed") : (failed ? "passes again" : "passes"));
        return values;
    }

    private static Map<String, Object> vulnerabilities(VulnerabilityChange change) {
        Map<String, Object> values = new HashMap<>();
        values.put("added", change.added());
        values.put("updated", change.updated());
        values.put("removed", change.removed());
        List<Map<String, Object>> severities = new ArrayList<>();
        change.bySeverity().forEach((severity, count) -> severities.add(Map.of("severity", severity, "count", count)));
        values.put("severities", severities);
        values.put("has_severities", !severities.isEmpty());
        values.put("top", entries(change.top()));
        // the most severe, for titles: "CVE-2026-1111 (Critical) in openssl 3.0.1 and 2 more"
        values.put("first", change.top().isEmpty() ? null : entries(change.top()).get(0));
        values.put("more_than_first", countOrNull(change.added() + change.updated() - 1));
        values.put("has_top", !change.top().isEmpty());
        values.put("more_changed", countOrNull(change.added() + change.updated() - change.top().size()));
        values.put("removed_top", entries(change.topRemoved()));
        values.put("has_table", !change.top().isEmpty() || !change.topRemoved().isEmpty());
        values.put("more_removed", countOrNull(change.removed() - change.topRemoved().size()));
        values.put("image_digest", change.imageDigest());
        return values;
    }

    /** A count for {@code {{#count}}…{{/count}}}: null when there is none, so the section is left out. */
    private static Integer countOrNull(int count) {
        return count > 0 ? count : null;
    }

    private static List<Map<String, Object>> entries(List<Changes.Vulnerability> vulnerabilities) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Changes.Vulnerability vulnerability : vulnerabilities) {
            Map<String, Object> entry = new HashMap<>();
            entry.put("id", vulnerability.id());
            entry.put("severity", vulnerability.severity());
            entry.put("package", vulnerability.packageName());
            entry.put("version", vulnerability.packageVersion());
            entry.put("previous_version", vulnerability.previousVersion());
            entry.put("fix", vulnerability.fix());
            entry.put("url", vulnerability.url());
            entry.put("change", switch (vulnerability.change()) {
                case ADDED -> "Added";
                case UPDATED -> "Updated";
                case REMOVED -> "Removed";
            });
            entries.add(entry);
        }
        return entries;
    }

    private static Map<String, Object> analysis(AnalysisChange analysis) {
        Map<String, Object> values = new HashMap<>();
        values.put("last_status", analysis.lastStatus());
        values.put("current_status", analysis.currentStatus());
        values.put("image_digest", analysis.imageDigest());
        return values;
    }
}
