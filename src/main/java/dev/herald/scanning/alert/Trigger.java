package dev.herald.scanning.alert;

import java.util.Optional;

/** What an alert fires on (Sysdig's trigger names), each the event type that carries it. */
public enum Trigger {
    /** "Unscanned Image": an image runs that has no scan result. */
    UNSCANNED("unscanned", "user.runtime.image.unscanned"),
    /** "New Image Analyzed". */
    ANALYSIS_UPDATE("analysis_update", "user.image.analysis.completed"),
    /** "Scan Result Change": any change of the policy evaluation, or only pass → fail with onlyPassFail. */
    POLICY_EVAL("policy_eval", "user.checks.tag.policy_evaluation.update"),
    /** "CVE Update": vulnerabilities added, updated or removed. */
    VULN_UPDATE("vuln_update", "user.checks.tag.vulnerabilities.update");

    private final String apiName;
    private final String eventType;

    Trigger(String apiName, String eventType) {
        this.apiName = apiName;
        this.eventType = eventType;
    }

    public String apiName() {
        return apiName;
    }

    public String eventType() {
        return eventType;
    }

    /** The trigger an event type carries, if any; asked for every relayed event, so a switch rather than a search. */
    public static Optional<Trigger> forEventType(String type) {
        if (type == null) {
            return Optional.empty();
        }
        return switch (type) {
            case "user.runtime.image.unscanned" -> Optional.of(UNSCANNED);
            case "user.image.analysis.completed" -> Optional.of(ANALYSIS_UPDATE);
            case "user.checks.tag.policy_evaluation.update" -> Optional.of(POLICY_EVAL);
            case "user.checks.tag.vulnerabilities.update" -> Optional.of(VULN_UPDATE);
            default -> Optional.empty();
        };
    }
}
