package dev.herald.api;

import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The ingestion scenarios on an H2 file, as standalone Herald runs. */
class EventIngestionOnH2Test extends EventIngestionScenarios {

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        startOn(TestDatabase.h2(folder));
    }
}
