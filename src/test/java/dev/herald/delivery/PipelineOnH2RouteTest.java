package dev.herald.delivery;

import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline scenarios on the embedded H2 file database, Herald's default. */
class PipelineOnH2RouteTest extends PipelineScenarios {

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        startOn(TestDatabase.h2(folder));
    }
}
