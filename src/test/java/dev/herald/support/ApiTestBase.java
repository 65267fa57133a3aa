package dev.herald.support;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the API test classes: one Herald per test class, on an H2 file database in a temporary
 * folder, with a {@link Scenario} on it. A subclass's own {@code @BeforeAll} runs after Herald has
 * started, its {@code @AfterAll} before Herald stops. The fields are static and shared by the
 * subclasses, so the test classes must not run in parallel (they do not: Surefire runs them one
 * after another).
 */
public abstract class ApiTestBase extends DatabaseApiTestBase {

    @TempDir
    static Path folder;

    @BeforeAll
    static void startHerald() {
        startOn(TestDatabase.h2(folder));
    }
}
