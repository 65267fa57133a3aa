package dev.herald.api;

import dev.herald.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The ingestion scenarios on PostgreSQL. */
class EventIngestionOnPostgresTest extends EventIngestionScenarios {

    @BeforeAll
    static void start() {
        startOn(TestDatabase.postgres());
    }
}
