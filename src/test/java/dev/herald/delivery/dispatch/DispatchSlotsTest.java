package dev.herald.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DispatchSlotsTest {

    @Test
    void aConfigurationHoldsNoMoreThanItsBulkheadAndAllOfThemNoMoreThanTheInFlightSlots() {
        DispatchSlots slots = new DispatchSlots(5, 3);
        assertThat(slots.take("a")).isTrue();
        assertThat(slots.take("a")).isTrue();
        assertThat(slots.take("a")).isTrue();
        assertThat(slots.take("a")).as("its bulkhead is full").isFalse();
        assertThat(slots.fullConfigurations()).containsExactly("a");
        assertThat(slots.take("b")).isTrue();
        assertThat(slots.take("b")).isTrue();
        assertThat(slots.take("c")).as("every slot is taken").isFalse();
        assertThat(slots.free()).isZero();

        slots.free("a");
        assertThat(slots.fullConfigurations()).isEmpty();
        assertThat(slots.take("c")).isTrue();
    }

    @Test
    void aFailingConfigurationIsProbedWithOneSlotUntilAnAttemptSucceeds() {
        DispatchSlots slots = new DispatchSlots(10, 4);
        slots.failed("hangs");
        assertThat(slots.take("hangs")).isTrue();
        assertThat(slots.take("hangs")).as("one probe at a time").isFalse();
        assertThat(slots.fullConfigurations()).containsExactly("hangs");
        assertThat(slots.take("healthy")).as("others keep their bulkhead").isTrue();

        slots.succeeded("hangs");
        assertThat(slots.fullConfigurations()).containsExactly();
        assertThat(slots.take("hangs")).isTrue();
        assertThat(slots.take("hangs")).isTrue();
        assertThat(slots.take("hangs")).isTrue();
        assertThat(slots.take("hangs")).as("its whole bulkhead again").isFalse();
    }

    @Test
    void slotsTakenBeforeAFailureStayTakenUntilFreedAndNoNewOneIsGivenMeanwhile() {
        DispatchSlots slots = new DispatchSlots(10, 4);
        for (int i = 0; i < 4; i++) {
            assertThat(slots.take("hangs")).isTrue();
        }
        slots.failed("hangs");
        slots.free("hangs");
        assertThat(slots.take("hangs")).as("three still held, more than the probe's one").isFalse();
        slots.free("hangs");
        slots.free("hangs");
        slots.free("hangs");
        assertThat(slots.take("hangs")).isTrue();
        assertThat(slots.free()).isEqualTo(9);
    }

    @Test
    void aProbeOutDefersTheRestOfItsQueueUntilItEndsInsteadOfLeavingItOutOfClaims() {
        DispatchSlots slots = new DispatchSlots(10, 4);
        assertThat(slots.failed("hangs")).as("its first failure").isFalse();
        assertThat(slots.failed("hangs")).as("failing still").isTrue();
        assertThat(slots.take("hangs")).isTrue();
        Instant ends = Instant.parse("2026-12-03T10:00:15Z");
        slots.attemptEndsBy("hangs", ends);
        assertThat(slots.take("hangs")).isFalse();
        assertThat(slots.probeEnds("hangs")).contains(ends);
        assertThat(slots.fullConfigurations()).as("its deliveries are deferred, not passed over").isEmpty();

        slots.free("hangs");
        assertThat(slots.probeEnds("hangs")).as("the probe ended").isEmpty();
        assertThat(slots.take("hangs")).isTrue();
        slots.attemptEndsBy("hangs", ends);
        slots.succeeded("hangs");
        assertThat(slots.probeEnds("hangs")).isEmpty();
    }

    @Test
    void anAttemptOfAHealthyConfigurationIsNoProbe() {
        DispatchSlots slots = new DispatchSlots(10, 1);
        assertThat(slots.take("healthy")).isTrue();
        slots.attemptEndsBy("healthy", Instant.parse("2026-12-03T10:00:15Z"));
        assertThat(slots.probeEnds("healthy")).isEmpty();
        assertThat(slots.fullConfigurations()).containsExactly("healthy");
    }
}
