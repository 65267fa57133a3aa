package dev.herald.delivery.message;

import java.util.List;
import java.util.Map;

/** The short summary of an event's details that every message shows, by the kind of details. */
public sealed interface Changes {

    /**
     * A policy evaluation changed ({@code user.checks.tag.policy_evaluation.update}).
     *
     * @param lastStatus    pass or fail before, if known
     * @param currentStatus pass or fail now
     * @param lastAction    final action before (go, warn, stop), if known
     * @param currentAction final action now, if known
     */
    record PolicyChange(String lastStatus, String lastAction, String currentStatus, String currentAction,
            String imageDigest) implements Changes {

        static final String FAIL = "fail";
    }

    /**
     * The vulnerabilities of an image changed ({@code user.checks.tag.vulnerabilities.update}). A
     * vulnerability that the diff lists as removed in one version of a package and added in another
     * is one package upgrade: counted and shown as updated, with both versions.
     *
     * @param bySeverity counts of the added and updated vulnerabilities per severity, most severe first
     * @param top        the most severe added or updated vulnerabilities
     * @param topRemoved the most severe removed vulnerabilities
     */
    record VulnerabilityChange(int added, int updated, int removed, Map<String, Integer> bySeverity,
            List<Vulnerability> top, List<Vulnerability> topRemoved, String imageDigest) implements Changes {
    }

    /** How a {@link Vulnerability} of a {@link VulnerabilityChange} changed. */
    enum Change { ADDED, UPDATED, REMOVED }

    /**
     * One vulnerability of a {@link VulnerabilityChange}; {@code fix} is null when none is available,
     * {@code previousVersion} when the package's version did not change.
     */
    record Vulnerability(Change change, String id, String severity, String packageName, String packageVersion,
            String previousVersion, String fix, String url) {

        /** The same vulnerability of the same package, in another version. */
        boolean isUpgradeOf(Vulnerability removed) {
            return id.equals(removed.id) && packageName != null && packageName.equals(removed.packageName)
                    && packageVersion != null && !packageVersion.equals(removed.packageVersion);
        }

        Vulnerability upgradedFrom(Vulnerability removed) {
            return new Vulnerability(Change.UPDATED, id, severity, packageName, packageVersion, removed.packageVersion,
                    fix, url);
        }
    }

    /** An image analysis state changed ({@code user.image.analysis.completed}). */
    record AnalysisChange(String lastStatus, String currentStatus, String imageDigest) implements Changes {
    }

    /** Details that are a message ({@code {"msg": …}} or a {@code cause}). */
    record Note(String text) implements Changes {
    }
}
