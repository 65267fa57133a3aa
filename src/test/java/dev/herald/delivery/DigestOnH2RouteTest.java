package dev.herald.delivery;

import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The digest scenarios on H2. */
class DigestOnH2RouteTest extends DigestScenarios {

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        startOn(TestDatabase.h2(folder.resolve("digest")));
    }
}
