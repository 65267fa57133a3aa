package dev.herald.delivery.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.event.Unrelayed;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BacklogTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void anEventWaitingToBeRelayedLongerThanEveryPendingDeliveryIsTheOldest() {
        Backlog backlog = new Backlog(5, NOW.minusSeconds(10), 0).including(new Unrelayed(40, NOW.minusSeconds(90)));

        assertThat(backlog.due()).isEqualTo(5);
        assertThat(backlog.unrelayed()).isEqualTo(40);
        assertThat(backlog.oldestPendingAgeSeconds(NOW)).isEqualTo(90);
    }

    @Test
    void aPendingDeliveryOlderThanEveryUnrelayedEventStaysTheOldest() {
        Backlog backlog = new Backlog(1, NOW.minusSeconds(300), 0).including(new Unrelayed(2, NOW.minusSeconds(1)));

        assertThat(backlog.oldestPendingAgeSeconds(NOW)).isEqualTo(300);
    }

    @Test
    void eitherSideAloneGivesTheAgeAndNothingWaitingIsZeroSecondsOld() {
        assertThat(new Backlog(0, null, 0).including(new Unrelayed(3, NOW.minusSeconds(7)))
                .oldestPendingAgeSeconds(NOW)).isEqualTo(7);
        assertThat(new Backlog(2, NOW.minusSeconds(4), 0).including(new Unrelayed(0, null))
                .oldestPendingAgeSeconds(NOW)).isEqualTo(4);
        assertThat(new Backlog(0, null, 0).including(new Unrelayed(0, null)).oldestPendingAgeSeconds(NOW)).isZero();
    }
}
