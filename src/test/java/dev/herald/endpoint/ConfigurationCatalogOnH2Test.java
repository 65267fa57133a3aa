package dev.herald.endpoint;

import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The catalog's snapshots on the embedded H2 file database, whose commits other statements can see half made. */
class ConfigurationCatalogOnH2Test extends ConfigurationCatalogScenarios {

    @TempDir
    Path folder;

    @Override
    protected TestDatabase database() {
        return TestDatabase.h2(folder);
    }
}
