package dev.herald.selector;

import dev.herald.event.Severity;

/**
 * A selector of one endpoint configuration: Anchore's four fields, and Herald's two optional
 * filters, checked only once those four have matched.
 *
 * @param account      the account that owns the configuration (and so the selector)
 * @param level        {@code *}, {@code info} or {@code error}
 * @param type         an event type, where {@code *} matches any run of characters, dots included
 * @param resourceType {@code *} or a resource type
 * @param minSeverity  null, or the least severity a vulnerability update must add or update to match
 *                     (and the least its message lists); see {@link VulnerabilityFloor}
 * @param filter       null, or a CEL expression over the event that must be true to match
 */
public record Selector(
        String uuid,
        String configurationUuid,
        String account,
        SelectorScope scope,
        String level,
        String type,
        String resourceType,
        Severity minSeverity,
        String filter) {

    public static final String ANY = "*";

    /** A selector in Anchore's shape: no min_severity, no filter. */
    public Selector(String uuid, String configurationUuid, String account, SelectorScope scope, String level,
            String type, String resourceType) {
        this(uuid, configurationUuid, account, scope, level, type, resourceType, null, null);
    }

    /** Whether matching needs more of the event than its account, level, type and resource type. */
    public boolean isFiltered() {
        return minSeverity != null || filter != null;
    }
}
