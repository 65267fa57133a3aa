package dev.herald.scanning.alert;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a user sets on a scanning alert (everything but its id, account and times).
 *
 * @param scope                  a runtime alert's scope as written (empty: everywhere); empty for repository alerts
 * @param repositories           a repository alert's images; empty for runtime alerts
 * @param onlyPassFail           with policy_eval: fire only when the evaluation goes from pass to fail
 * @param notificationChannelIds endpoint configurations of the alert's account, in the order given
 */
public record AlertSettings(
        String name,
        String description,
        boolean enabled,
        AlertType type,
        String scope,
        List<RepositoryPattern> repositories,
        Set<Trigger> triggers,
        boolean onlyPassFail,
        List<String> notificationChannelIds,
        EchoedSysdigFields sysdig) {

    public static final int MAX_NAME_LENGTH = 255;
    private static final String COPY_PREFIX = "Copy of ";

    public AlertSettings {
        repositories = List.copyOf(repositories);
        triggers = triggers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(triggers));
        notificationChannelIds = List.copyOf(notificationChannelIds);
    }

    /** The same settings named "Copy of …", cut to the longest name allowed (never inside a character). */
    public AlertSettings copy() {
        String copyName = COPY_PREFIX + name;
        if (copyName.length() > MAX_NAME_LENGTH) {
            int end = Character.isHighSurrogate(copyName.charAt(MAX_NAME_LENGTH - 1)) ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
            copyName = copyName.substring(0, end);
        }
        return new AlertSettings(copyName, description, enabled, type, scope, repositories, triggers, onlyPassFail,
                notificationChannelIds, sysdig);
    }
}
