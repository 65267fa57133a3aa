package dev.herald.delivery.message;

import dev.herald.delivery.message.Digest.AnalysisChange;
import dev.herald.delivery.message.Digest.Note;
import dev.herald.delivery.message.Digest.PolicyChange;
import dev.herald.delivery.message.Digest.VulnerabilityChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values a template sees, in snake case: the notification's fields, and one section per kind
 * of digest ({@code policy}, {@code vulnerabilities}, {@code analysis}, {@code note}), present only
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
        context.put("message", notification.message());
        context.put("account", notification.account());
        context.put("resource_type", notification.resourceType());
        context.put("resource_id", notification.resourceId());
        context.put("source", source(notification));
        context.put("time", notification.time().toString());
        context.put("epoch", notification.time().getEpochSecond());
        context.put("link", notification.link());
        Digest digest = notification.digest();
        if (digest instanceof PolicyChange policy) {
            context.put("policy", policy(policy));
        } else if (digest instanceof VulnerabilityChange change) {
            context.put("vulnerabilities", vulnerabilities(change));
        } else if (digest instanceof AnalysisChange analysis) {
            context.put("analysis", analysis(analysis));
        } else if (digest instanceof Note note) {
            context.put("note", Map.of("text", note.text()));
        }
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

    private static Map<String, Object> policy(PolicyChange policy) {
        Map<String, Object> values = new HashMap<>();
        values.put("last_status", policy.lastStatus());
        values.put("last_action", policy.lastAction());
        values.put("current_status", policy.currentStatus());
        values.put("current_action", policy.currentAction());
        values.put("image_digest", policy.imageDigest());
        values.put("failing", "fail".equalsIgnoreCase(policy.currentStatus()));
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
        List<Map<String, Object>> top = new ArrayList<>();
        for (Digest.Vulnerability vulnerability : change.top()) {
            Map<String, Object> entry = new HashMap<>();
            entry.put("id", vulnerability.id());
            entry.put("severity", vulnerability.severity());
            entry.put("package", vulnerability.packageName());
            entry.put("version", vulnerability.packageVersion());
            entry.put("fix", vulnerability.fix());
            entry.put("url", vulnerability.url());
            top.add(entry);
        }
        values.put("top", top);
        values.put("has_top", !top.isEmpty());
        values.put("image_digest", change.imageDigest());
        return values;
    }

    private static Map<String, Object> analysis(AnalysisChange analysis) {
        Map<String, Object> values = new HashMap<>();
        values.put("last_status", analysis.lastStatus());
        values.put("current_status", analysis.currentStatus());
        values.put("image_digest", analysis.imageDigest());
        return values;
    }
}
