package dev.herald.delivery.message;

import java.util.List;
import java.util.Map;

/** The short summary of an event's details that every message shows, by the kind of details. */
public sealed interface Digest {

    /**
     * A policy evaluation changed ({@code user.checks.tag.policy_evaluation.update}).
     *
     * @param lastStatus    pass or fail before, if known
     * @param currentStatus pass or fail now
     * @param lastAction    final action before (go, warn, stop), if known
     * @param currentAction final action now, if known
     */
    record PolicyChange(String lastStatus, String lastAction, String currentStatus, String currentAction,
            String imageDigest) implements Digest {
    }

    /**
     * The vulnerabilities of an image changed ({@code user.checks.tag.vulnerabilities.update}).
     *
     * @param bySeverity counts of the added and updated vulnerabilities per severity, most severe first
     * @param top        the most severe added or updated vulnerabilities
     */
    record VulnerabilityChange(int added, int updated, int removed, Map<String, Integer> bySeverity,
            List<Vulnerability> top, String imageDigest) implements Digest {
    }

    /** One vulnerability of a {@link VulnerabilityChange}; {@code fix} is null when none is available. */
    record Vulnerability(String id, String severity, String packageName, String packageVersion, String fix,
            String url) {
    }

    /** An image analysis state changed ({@code user.image.analysis.completed}). */
    record AnalysisChange(String lastStatus, String currentStatus, String imageDigest) implements Digest {
    }

    /** Details that are a message ({@code {"msg": …}} or a {@code cause}). */
    record Note(String text) implements Digest {
    }
}
