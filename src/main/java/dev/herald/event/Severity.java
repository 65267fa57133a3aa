package dev.herald.event;

import java.util.Locale;
import java.util.Optional;

/** A vulnerability's severity, most severe first, named as Anchore names them ({@code Critical}, …). */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    NEGLIGIBLE,
    UNKNOWN;

    /** Grype writes {@code High}, Trivy {@code HIGH}, people {@code high}: any case is taken. */
    public static Optional<Severity> parse(String text) {
        for (Severity severity : values()) {
            if (severity.name().equalsIgnoreCase(text)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }

    /** Capitalised, as Anchore's vulnerability entries carry it. */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public static String labels() {
        return "Critical, High, Medium, Low, Negligible or Unknown (any case)";
    }
}
