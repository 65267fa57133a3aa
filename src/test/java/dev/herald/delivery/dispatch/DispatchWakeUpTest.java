package dev.herald.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wake-ups on Camel's own seda queues, with no consumer, so what was sent stays to be counted. */
class DispatchWakeUpTest {

    private final DispatchSlots slots = new DispatchSlots(4, 4);
    private CamelContext context;
    private DispatchWakeUp wakeUp;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
        wakeUp = new DispatchWakeUp(context, slots);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aRelayWaitingForSlotsIsWokenOnceWhenAnAttemptFreesOne() {
        for (int i = 0; i < 4; i++) {
            slots.take("c");
        }
        wakeUp.relayWaits();
        assertThat(queued(DispatchWakeUp.RELAY_URI)).as("no slot free yet").isZero();

        slots.free("c");
        wakeUp.wake();
        assertThat(queued(DispatchWakeUp.RELAY_URI)).isEqualTo(1);
        assertThat(queued(DispatchWakeUp.URI)).isEqualTo(1);

        relayTakesItsWakeUp();
        slots.free("c");
        wakeUp.wake();
        assertThat(queued(DispatchWakeUp.RELAY_URI)).as("the relay waits no more").isZero();
    }

    @Test
    void aSlotFreedWhileTheRelayStoppedIsNotMissed() {
        // the relay found no room, and the slot was freed before it said it waits: it wakes itself
        wakeUp.relayWaits();
        assertThat(queued(DispatchWakeUp.RELAY_URI)).isEqualTo(1);
    }

    @Test
    void slotsGivenBackByADispatchPassWakeAWaitingRelay() {
        for (int i = 0; i < 4; i++) {
            slots.take("c");
        }
        wakeUp.relayWaits();
        wakeUp.wakeRelay();
        assertThat(queued(DispatchWakeUp.RELAY_URI)).isZero();

        // a pass's plan frees the slots of what it deferred, with no attempt ending
        for (int i = 0; i < 4; i++) {
            slots.free("c");
        }
        wakeUp.wakeRelay();
        assertThat(queued(DispatchWakeUp.RELAY_URI)).isEqualTo(1);
        assertThat(queued(DispatchWakeUp.URI)).as("dispatch is not woken by it").isZero();
    }

    private int queued(String uri) {
        return context.getEndpoint(uri, SedaEndpoint.class).getQueue().size();
    }

    private void relayTakesItsWakeUp() {
        context.getEndpoint(DispatchWakeUp.RELAY_URI, SedaEndpoint.class).getQueue().clear();
    }
}
