package dev.herald.delivery;

import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The quiet-hours scenarios on H2. */
class QuietHoursOnH2RouteTest extends QuietHoursScenarios {

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        startOn(TestDatabase.h2(folder.resolve("quiet")));
    }
}
