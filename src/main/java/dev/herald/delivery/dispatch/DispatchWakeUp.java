package dev.herald.delivery.dispatch;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaEndpoint;

/**
 * Wakes dispatch-deliveries when an attempt has ended, and relay-events too when it left events
 * waiting for free slots, each with an exchange of its own. Not with the delivery's exchange: a seda
 * producer hands the sending exchange's completion tasks over to the exchange it queues, and a
 * wake-up dropped because one is queued already never runs them. The issue-upsert route's throttle
 * releases its permit on completion, so its permits were lost that way, and a tracker's next
 * delivery of the same finding waited for ever.
 *
 * <p>Under load an attempt ends every fraction of a millisecond: a wake-up is sent only when a
 * claim would find slots worth claiming and none is queued already, so dispatch gets one per pass,
 * not an exchange per delivery that the full queue then drops.
 */
public final class DispatchWakeUp {

    /** As relay-events and wake-dispatch send it: one queued wake-up is enough. */
    static final String URI = "seda:dispatch-deliveries?size=1&discardWhenFull=true";
    /** As wake-relay sends it. */
    static final String RELAY_URI = "seda:relay-events?size=1&discardWhenFull=true";

    private final DispatchSlots slots;
    private final ProducerTemplate producer;
    /** Resolved once: by URI, the template looks the endpoint up again on every call, once per delivery. */
    private final SedaEndpoint dispatch;
    private final SedaEndpoint relay;
    private final AtomicBoolean relayWaits = new AtomicBoolean();

    public DispatchWakeUp(CamelContext context, DispatchSlots slots) {
        this.slots = slots;
        this.producer = context.createProducerTemplate();
        this.dispatch = context.getEndpoint(URI, SedaEndpoint.class);
        this.relay = context.getEndpoint(RELAY_URI, SedaEndpoint.class);
    }

    public void wake() {
        if (!slots.worthClaiming()) {
            return;
        }
        if (dispatch.getQueue().isEmpty()) {
            producer.sendBody(dispatch, null);
        }
        relayWoken();
    }

    /**
     * Wakes the relay if it waits for free slots and a claim is worth it now. Also after each
     * dispatch pass, whose slots taken for deliveries it then deferred or left go back without an
     * attempt ending, and on wake-dispatch's clock, so a wake-up missed costs at most that interval.
     */
    public void wakeRelay() {
        if (slots.worthClaiming()) {
            relayWoken();
        }
    }

    private void relayWoken() {
        if (relayWaits.compareAndSet(true, false)) {
            producer.sendBody(relay, null);
        }
    }

    /**
     * The relay stopped with events left for want of free slots: it is woken as soon as a claim is
     * worth it again, not at its next cycle.
     */
    public void relayWaits() {
        relayWaits.set(true);
        // a slot freed between the relay's look at the slots and now found no one waiting
        wake();
    }
}
