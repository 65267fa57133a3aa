package dev.herald.delivery;

import dev.herald.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The quiet-hours scenarios on PostgreSQL (embedded, started by the test): its claim query reads the event's level too. */
class QuietHoursOnPostgresRouteTest extends QuietHoursScenarios {

    @BeforeAll
    static void start() {
        startOn(TestDatabase.postgres());
    }
}
