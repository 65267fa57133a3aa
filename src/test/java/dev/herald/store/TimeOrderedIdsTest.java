package dev.herald.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsMadeLaterSortAfterThoseMadeBeforeSoNewKeysGoToTheEndOfTheirIndex() {
        List<String> made = new ArrayList<>();
        // within one millisecond and across several: made until the time in the ids has moved on 3 times
        Set<String> milliseconds = new HashSet<>();
        while (milliseconds.size() < 4) {
            String id = TimeOrderedIds.uuid();
            made.add(id);
            milliseconds.add(id.substring(0, 13));
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(UUID.fromString(made.get(0)).version()).isEqualTo(7);
    }

    @Test
    void theHexFormIsAnAnchoreEventId() {
        assertThat(TimeOrderedIds.hex()).matches("[0-9a-f]{32}");
    }
}
