package dev.herald.scanning.alert;

import dev.herald.scanning.ImageEvents;
import java.util.Optional;

/** What an alert fires on (Sysdig's trigger names), each the event type that carries it. */
public enum Trigger {
    /** "Unscanned Image": an image runs that has no scan result. */
    UNSCANNED("unscanned", ImageEvents.RUNTIME_UNSCANNED),
    /** "New Image Analyzed". */
    ANALYSIS_UPDATE("analysis_update", ImageEvents.ANALYSIS_COMPLETED),
    /** "Scan Result Change": any change of the policy evaluation, or only pass → fail with onlyPassFail. */
    POLICY_EVAL("policy_eval", ImageEvents.POLICY_EVALUATION_UPDATE),
    /** "CVE Update": vulnerabilities added, updated or removed. */
    VULN_UPDATE("vuln_update", ImageEvents.VULNERABILITIES_UPDATE);

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
            case ImageEvents.RUNTIME_UNSCANNED -> Optional.of(UNSCANNED);
            case ImageEvents.ANALYSIS_COMPLETED -> Optional.of(ANALYSIS_UPDATE);
            case ImageEvents.POLICY_EVALUATION_UPDATE -> Optional.of(POLICY_EVAL);
            case ImageEvents.VULNERABILITIES_UPDATE -> Optional.of(VULN_UPDATE);
            default -> Optional.empty();
        };
    }
}
