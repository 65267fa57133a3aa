package dev.herald.delivery.message;

import dev.herald.delivery.message.Changes.PolicyChange;
import dev.herald.event.EventLevel;
import java.time.Instant;
import java.util.List;

/**
 * What every message says about one delivery of one event, whatever the endpoint type.
 *
 * @param changes the summary of the event's details, or null when they hold nothing to summarise
 * @param link   where to read more (from {@code herald.ui-url}), or null when it is not set
 * @param alerts the scanning alerts that sent it, empty when only selectors chose it
 * @param custom the configuration's own title and text templates
 */
public record Notification(
        String eventId,
        String deliveryId,
        String type,
        EventLevel level,
        String message,
        String account,
        String resourceType,
        String resourceId,
        String sourceService,
        String sourceHost,
        Instant time,
        Changes changes,
        String link,
        List<AlertReference> alerts,
        CustomTexts custom) {

    public Notification {
        alerts = List.copyOf(alerts);
        custom = custom == null ? CustomTexts.NONE : custom;
    }

    /** A notification with the built-in title and text. */
    public Notification(String eventId, String deliveryId, String type, EventLevel level, String message, String account,
            String resourceType, String resourceId, String sourceService, String sourceHost, Instant time, Changes changes,
            String link, List<AlertReference> alerts) {
        this(eventId, deliveryId, type, level, message, account, resourceType, resourceId, sourceService, sourceHost,
                time, changes, link, alerts, CustomTexts.NONE);
    }

    /** A scanning alert as a message names it; {@code link} (its screen in the console) is null without {@code herald.ui-url}. */
    public record AlertReference(String id, String name, String link) {
    }

    /** How a message looks: its icon, colour and words. */
    public enum Tone {
        /** An error, or a policy evaluation that fails now. */
        FAILURE,
        /** A policy evaluation that failed and passes now. */
        RESOLVED,
        INFO
    }

    /**
     * The tone of the event: a policy evaluation says it by its status whatever the event's level
     * (Anchore sends its updates as {@code info}, even pass → fail).
     */
    public Tone tone() {
        if (changes instanceof PolicyChange policy && policy.currentStatus() != null) {
            if (PolicyChange.FAIL.equalsIgnoreCase(policy.currentStatus())) {
                return Tone.FAILURE;
            }
            if (PolicyChange.FAIL.equalsIgnoreCase(policy.lastStatus())) {
                return Tone.RESOLVED;
            }
        }
        return level == EventLevel.ERROR ? Tone.FAILURE : Tone.INFO;
    }
}
