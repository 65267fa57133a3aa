package dev.herald.delivery.dispatch;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;

/**
 * Wakes dispatch-deliveries when an attempt has ended, with an exchange of its own. Not with the
 * delivery's exchange: a seda producer hands the sending exchange's completion tasks over to the
 * exchange it queues, and a wake-up dropped because one is queued already never runs them. The
 * issue-upsert route's throttle releases its permit on completion, so its permits were lost that
 * way, and a tracker's next delivery of the same finding waited for ever.
 */
public final class DispatchWakeUp {

    /** As relay-events and wake-dispatch send it: one queued wake-up is enough. */
    static final String URI = "seda:dispatch-deliveries?size=1&discardWhenFull=true";

    private final ProducerTemplate producer;
    /** Resolved once: by URI, the template looks the endpoint up again on every call, once per delivery. */
    private final Endpoint dispatch;

    public DispatchWakeUp(CamelContext context) {
        this.producer = context.createProducerTemplate();
        this.dispatch = context.getEndpoint(URI);
    }

    public void wake() {
        producer.sendBody(dispatch, null);
    }
}
