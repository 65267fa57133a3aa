package dev.herald.api;

import dev.herald.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The scan result scenarios on PostgreSQL: row locks, TEXT columns, and its own SQL dialect. */
class ScanResultsOnPostgresTest extends ScanResultsScenarios {

    @BeforeAll
    static void start() {
        startOn(TestDatabase.postgres());
    }
}
