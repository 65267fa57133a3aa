package dev.herald.selector;

import java.util.Locale;
import java.util.Optional;

/** Whose events a selector sees: its configuration's account, or (admin account only) every account. */
public enum SelectorScope {
    ACCOUNT,
    GLOBAL;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SelectorScope> parse(String text) {
        for (SelectorScope scope : values()) {
            if (scope.apiName().equals(text)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return apiName();
    }
}
