package dev.herald.delivery.issue;

/**
 * A tracker answered a call of the upsert with an error status: the delivery fails with that
 * status, the reason and the tracker's answer (from which the failed outcome removes the
 * configuration's secrets). The answer stays out of the exception's message: Camel logs that
 * message at DEBUG, and an answer may quote the request, credentials and all.
 */
public final class TrackerRefusal extends RuntimeException {

    private final int status;
    private final String answer;
    private final String retryAfter;

    /**
     * @param retryAfter the tracker's {@code Retry-After} header, if it sent one (rate limits)
     */
    TrackerRefusal(int status, String reason, String answer, String retryAfter) {
        // no stack trace: this is an answer, not a fault in Herald
        super(reason, null, false, false);
        this.status = status;
        this.answer = answer;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String retryAfter() {
        return retryAfter;
    }

    /** The reason with the excerpt of the tracker's answer, if it gave one: the failure text of the delivery. */
    public String reasonWithAnswer() {
        return answer.isEmpty() ? getMessage() : getMessage() + ": " + answer;
    }
}
