package dev.herald.delivery;

import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Stale claims on H2: one replica, but a crashed one leaves claims that its restart must take over. */
class StaleClaimOnH2RouteTest extends StaleClaimScenarios {

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        startOn(TestDatabase.h2(folder));
    }
}
