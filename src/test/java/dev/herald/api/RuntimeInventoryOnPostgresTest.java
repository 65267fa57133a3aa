package dev.herald.api;

import dev.herald.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The runtime inventory scenarios on PostgreSQL: row locks, TEXT columns, and its own SQL dialect. */
class RuntimeInventoryOnPostgresTest extends RuntimeInventoryScenarios {

    @BeforeAll
    static void start() {
        startOn(TestDatabase.postgres());
    }
}
