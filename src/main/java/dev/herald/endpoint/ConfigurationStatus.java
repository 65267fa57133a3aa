package dev.herald.endpoint;

import java.util.Locale;

/** A configuration's operational status: unknown until something was sent, then from the latest outcome. */
public enum ConfigurationStatus {
    UNKNOWN,
    HEALTHY,
    UNHEALTHY;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConfigurationStatus of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return apiName();
    }
}
