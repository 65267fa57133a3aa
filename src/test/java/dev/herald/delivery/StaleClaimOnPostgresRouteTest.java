package dev.herald.delivery;

import dev.herald.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** Stale claims on PostgreSQL (embedded, started by the test), where replicas share the work. */
class StaleClaimOnPostgresRouteTest extends StaleClaimScenarios {

    @BeforeAll
    static void start() {
        startOn(TestDatabase.postgres());
    }
}
