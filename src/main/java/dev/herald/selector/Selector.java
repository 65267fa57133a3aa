package dev.herald.selector;

/**
 * A selector of one endpoint configuration, exactly as Anchore defines it.
 *
 * @param account      the account that owns the configuration (and so the selector)
 * @param level        {@code *}, {@code info} or {@code error}
 * @param type         an event type, where {@code *} matches any run of characters, dots included
 * @param resourceType {@code *} or a resource type
 */
public record Selector(
        String uuid,
        String configurationUuid,
        String account,
        SelectorScope scope,
        String level,
        String type,
        String resourceType) {

    public static final String ANY = "*";
}
