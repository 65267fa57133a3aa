package dev.herald.api;

import dev.herald.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The hostile input scenarios on PostgreSQL, which refuses NUL in text and stores UTF-8 only. */
class HostileInputOnPostgresTest extends HostileInputScenarios {

    @BeforeAll
    static void start() {
        startOn(TestDatabase.postgres());
    }
}
