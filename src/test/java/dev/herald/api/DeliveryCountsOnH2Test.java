package dev.herald.api;

import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The delivery counts on H2, kept by a Java trigger. */
class DeliveryCountsOnH2Test extends DeliveryCountsScenarios {

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        startOn(TestDatabase.h2(folder));
    }
}
