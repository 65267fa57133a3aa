package dev.herald.delivery.message;

import dev.herald.event.EventLevel;
import java.util.List;

/**
 * What every digest message says: its id, how many events it carries, and those events grouped by
 * type, the most severe group first, each with its count and the titles of its first events.
 */
public record DigestNotification(String digestId, int count, List<Group> groups) {

    public DigestNotification {
        groups = List.copyOf(groups);
    }

    /**
     * The events of one type in a digest.
     *
     * @param level           error when any of them is an error, else info
     * @param highestSeverity for vulnerability updates, the most severe vulnerability they added or updated
     *                        ({@code Critical}, …); null for other events
     * @param lines           the titles of its first events, oldest first
     * @param more            how many of its events the lines leave out
     */
    public record Group(String type, EventLevel level, String highestSeverity, int count, List<String> lines, int more) {

        public Group {
            lines = List.copyOf(lines);
        }
    }

    /** The same digest showing only {@code shown} of its groups: what one part of a message renders. */
    public DigestNotification showing(List<Group> shown) {
        return new DigestNotification(digestId, count, shown);
    }

    /** True when an error is among its events. */
    public boolean hasError() {
        return groups.stream().anyMatch(group -> group.level() == EventLevel.ERROR);
    }
}
