package dev.herald.delivery.issue;

/**
 * A tracker answered a call of the upsert with an error status: the delivery fails with that
 * status and the reason, which never holds the configuration's secret.
 */
public final class TrackerRefusal extends RuntimeException {

    private final int status;

    TrackerRefusal(int status, String reason) {
        // no stack trace: this is an answer, not a fault in Herald
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
