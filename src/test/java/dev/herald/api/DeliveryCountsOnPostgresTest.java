package dev.herald.api;

import dev.herald.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The delivery counts on PostgreSQL, kept by a PL/pgSQL trigger. */
class DeliveryCountsOnPostgresTest extends DeliveryCountsScenarios {

    @BeforeAll
    static void start() {
        startOn(TestDatabase.postgres());
    }
}
