package dev.herald.delivery;

import dev.herald.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The digest scenarios on PostgreSQL (embedded, started by the test): its digest claims lock with SKIP LOCKED. */
class DigestOnPostgresRouteTest extends DigestScenarios {

    @BeforeAll
    static void start() {
        startOn(TestDatabase.postgres());
    }
}
