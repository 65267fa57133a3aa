package dev.herald.api;

import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The configuration-as-code scenarios on the embedded H2 file database. */
class NotificationsFileOnH2Test extends NotificationsFileScenarios {

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        startOn(TestDatabase.h2(folder));
    }
}
