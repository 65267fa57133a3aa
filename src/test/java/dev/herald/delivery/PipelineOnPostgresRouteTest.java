package dev.herald.delivery;

import dev.herald.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The pipeline scenarios on PostgreSQL (embedded, started by the test). */
class PipelineOnPostgresRouteTest extends PipelineScenarios {

    @BeforeAll
    static void start() {
        startOn(TestDatabase.postgres());
    }
}
