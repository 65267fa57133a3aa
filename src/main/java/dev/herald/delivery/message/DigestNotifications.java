package dev.herald.delivery.message;

import dev.herald.delivery.message.Changes.VulnerabilityChange;
import dev.herald.delivery.message.DigestNotification.Group;
import dev.herald.delivery.table.ClaimedDelivery;
import dev.herald.event.EventLevel;
import dev.herald.event.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link DigestNotification} of a claimed digest: its events grouped by type, errors
 * first, then vulnerability updates by the most severe vulnerability they carry, then the biggest
 * groups; each event's line is its message's title (the configuration's title_template, if it has one).
 */
public final class DigestNotifications {

    private static final Comparator<Group> MOST_SEVERE_FIRST = Comparator
            .comparing((Group group) -> group.level() != EventLevel.ERROR)
            .thenComparing(group -> Severity.parse(group.highestSeverity()).map(Enum::ordinal).orElse(Integer.MAX_VALUE))
            .thenComparing(Comparator.comparingInt(Group::count).reversed())
            .thenComparing(Group::type);

    private final NotificationFactory notifications;
    private final Templates templates;

    public DigestNotifications(NotificationFactory notifications, Templates templates) {
        this.notifications = notifications;
        this.templates = templates;
    }

    /** @param linesPerGroup how many events of each type are listed by their title; the counts cover them all */
    public DigestNotification of(ClaimedDelivery digest, int linesPerGroup) {
        Map<String, List<Notification>> byType = new LinkedHashMap<>();
        for (Notification notification : events(digest)) {
            byType.computeIfAbsent(notification.type(), type -> new ArrayList<>()).add(notification);
        }
        List<Group> groups = new ArrayList<>(byType.size());
        byType.forEach((type, events) -> {
            List<String> lines = new ArrayList<>();
            for (Notification event : events.subList(0, Math.min(linesPerGroup, events.size()))) {
                lines.add(templates.render("common/title.txt", event));
            }
            boolean error = events.stream().anyMatch(event -> event.level() == EventLevel.ERROR);
            groups.add(new Group(type, error ? EventLevel.ERROR : EventLevel.INFO, highestSeverity(events).orElse(null),
                    events.size(), lines, events.size() - lines.size()));
        });
        groups.sort(MOST_SEVERE_FIRST);
        return new DigestNotification(digest.uuid(), digest.digestEvents().size(), groups);
    }

    /** The notification of each event the digest carries, oldest first. */
    public List<Notification> events(ClaimedDelivery digest) {
        return digest.carried().stream().map(notifications::of).toList();
    }

    private static Optional<String> highestSeverity(List<Notification> events) {
        return events.stream()
                .filter(event -> event.changes() instanceof VulnerabilityChange)
                .flatMap(event -> ((VulnerabilityChange) event.changes()).bySeverity().entrySet().stream())
                .filter(count -> count.getValue() > 0)
                .map(count -> Severity.parse(count.getKey()))
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder())
                .map(Severity::label);
    }
}
