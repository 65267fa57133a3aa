package dev.herald.api;

import dev.herald.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The configuration-as-code scenarios on PostgreSQL. */
class NotificationsFileOnPostgresTest extends NotificationsFileScenarios {

    @BeforeAll
    static void start() {
        startOn(TestDatabase.postgres());
    }
}
