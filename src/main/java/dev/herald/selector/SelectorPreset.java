package dev.herald.selector;

import java.util.Arrays;
import java.util.Optional;

/**
 * Anchore's "Quick Selection": named selectors a user picks instead of writing the four fields
 * (DESIGN §4). Every preset matches any resource type.
 *
 * @param title the name Anchore's UI shows
 */
public enum SelectorPreset {
    POLICY_AND_VULNERABILITY_UPDATES("Policy evaluation and vulnerabilities updates", SelectorScope.ACCOUNT, "*", "user.checks.*"),
    USER_ERRORS("User errors", SelectorScope.ACCOUNT, "error", "user.*"),
    USER_INFOS("User infos", SelectorScope.ACCOUNT, "info", "user.*"),
    EVERYTHING_USER("Everything user related", SelectorScope.ACCOUNT, "*", "user.*"),
    SYSTEM_ERRORS("System errors", SelectorScope.ACCOUNT, "error", "system.*"),
    SYSTEM_INFOS("System infos", SelectorScope.ACCOUNT, "info", "system.*"),
    EVERYTHING_SYSTEM("Everything system related", SelectorScope.ACCOUNT, "*", "system.*"),
    ALL("All", SelectorScope.ACCOUNT, "*", "*"),
    /** Global: only configurations of the admin account may have it. */
    ALL_FOR_EVERY_ACCOUNT("All for every account", SelectorScope.GLOBAL, "*", "*");

    private final String title;
    private final SelectorScope scope;
    private final String level;
    private final String type;

    SelectorPreset(String title, SelectorScope scope, String level, String type) {
        this.title = title;
        this.scope = scope;
        this.level = level;
        this.type = type;
    }

    /** The name requests use: the constant in kebab case, e.g. {@code user-errors}. */
    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public String title() {
        return title;
    }

    public SelectorScope scope() {
        return scope;
    }

    public String level() {
        return level;
    }

    public String type() {
        return type;
    }

    public String resourceType() {
        return Selector.ANY;
    }

    public static Optional<SelectorPreset> parse(String name) {
        return Arrays.stream(values()).filter(preset -> preset.apiName().equals(name)).findFirst();
    }
}
