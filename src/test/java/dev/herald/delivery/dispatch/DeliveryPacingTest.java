package dev.herald.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.delivery.dispatch.DeliveryPacing.Defer;
import dev.herald.delivery.dispatch.DeliveryPacing.Pass;
import dev.herald.delivery.dispatch.DeliveryPacing.SendAt;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryPacingTest {

    private static final Instant NOW = Instant.parse("2026-11-21T09:00:00Z");
    private static final Duration HORIZON = Duration.ofSeconds(1);

    @Test
    void unlimitedConfigurationsAreSentAtOnce() {
        Pass pass = new DeliveryPacing(HORIZON).pass(NOW);

        for (int i = 0; i < 100; i++) {
            assertThat(pass.place("webhook", null)).isEqualTo(new SendAt(NOW));
        }
    }

    @Test
    void aLimitedConfigurationGetsSlotsOneIntervalApartWithinTheHorizonAndTheRestIsDeferredInOrder() {
        Pass pass = new DeliveryPacing(HORIZON).pass(NOW);

        assertThat(pass.place("five", 5)).isEqualTo(new SendAt(NOW));
        assertThat(pass.place("five", 5)).isEqualTo(new SendAt(NOW.plusMillis(200)));
        assertThat(pass.place("five", 5)).isEqualTo(new SendAt(NOW.plusMillis(400)));
        assertThat(pass.place("five", 5)).isEqualTo(new SendAt(NOW.plusMillis(600)));
        assertThat(pass.place("five", 5)).isEqualTo(new SendAt(NOW.plusMillis(800)));
        assertThat(pass.place("five", 5)).isEqualTo(new SendAt(NOW.plusMillis(1000)));
        // the next slots are past the horizon: due one horizon before their slot
        assertThat(pass.place("five", 5)).isEqualTo(new Defer(NOW.plusMillis(200)));
        assertThat(pass.place("five", 5)).isEqualTo(new Defer(NOW.plusMillis(400)));
        assertThat(pass.place("other", 5)).as("another configuration has slots of its own").isEqualTo(new SendAt(NOW));
    }

    @Test
    void theNextPassGoesOnFromTheLastSlotTaken() {
        DeliveryPacing pacing = new DeliveryPacing(HORIZON);
        Pass first = pacing.pass(NOW);
        first.place("slack", 1);
        first.place("slack", 1);

        Pass second = pacing.pass(NOW.plusMillis(100));
        assertThat(second.place("slack", 1)).as("the slot after the two taken").isEqualTo(new Defer(NOW.plusSeconds(1)));
        Pass later = pacing.pass(NOW.plusSeconds(5));
        assertThat(later.place("slack", 1)).as("slots do not pile up while idle").isEqualTo(new SendAt(NOW.plusSeconds(5)));
        assertThat(later.place("slack", 1)).isEqualTo(new SendAt(NOW.plusSeconds(6)));
    }

    @Test
    void aHoldDefersEveryDeliveryOfTheConfigurationLimitedOrNot() {
        DeliveryPacing pacing = new DeliveryPacing(HORIZON);
        pacing.hold("busy", NOW.plusSeconds(30));
        pacing.hold("busy", NOW.plusSeconds(10));

        Pass pass = pacing.pass(NOW);
        assertThat(pass.place("busy", null)).as("the longer hold stands").isEqualTo(new Defer(NOW.plusSeconds(29)));
        assertThat(pass.place("busy", null)).isEqualTo(new Defer(NOW.plusSeconds(29)));
        assertThat(pacing.pass(NOW.plusMillis(29_500)).place("busy", null)).isEqualTo(new SendAt(NOW.plusSeconds(30)));
        assertThat(pacing.pass(NOW.plusSeconds(31)).place("busy", null)).isEqualTo(new SendAt(NOW.plusSeconds(31)));
    }
}
