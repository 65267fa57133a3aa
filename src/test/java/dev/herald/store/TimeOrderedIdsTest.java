package dev.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsMadeLaterSortAfterThoseMadeBeforeSoNewKeysGoToTheEndOfTheirIndex() throws InterruptedException {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            made.add(TimeOrderedIds.uuid());
            if (i % 250 == 0) {
                Thread.sleep(2); // across milliseconds too, not only within one
            }
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(UUID.fromString(made.get(0)).version()).isEqualTo(7);
    }

    @Test
    void theHexFormIsAnAnchoreEventId() {
        assertThat(TimeOrderedIds.hex()).matches("[0-9a-f]{32}");
    }
}
