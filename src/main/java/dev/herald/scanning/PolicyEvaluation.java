package dev.herald.scanning;

import java.util.Locale;
import java.util.Optional;

/**
 * A policy evaluation of an image: pass or fail, and the final action (Anchore's go, warn or stop).
 *
 * @param policyId the policy (bundle) evaluated; may be null
 */
public record PolicyEvaluation(Status status, FinalAction finalAction, String policyId) {

    public enum Status {
        PASS,
        FAIL;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum FinalAction {
        GO,
        WARN,
        STOP;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Anchore's rule: go and warn pass, stop fails. */
        public Status status() {
            return this == STOP ? Status.FAIL : Status.PASS;
        }
    }

    /** Whether the outcome changed; the policy id alone is not a change. */
    public boolean outcomeDiffers(PolicyEvaluation other) {
        return status != other.status || finalAction != other.finalAction;
    }

    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        for (E value : type.getEnumConstants()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
