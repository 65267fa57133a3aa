package dev.herald.support;

import org.junit.jupiter.api.AfterAll;

/**
 * Base of API scenarios that run on H2 and on PostgreSQL alike: the concrete class starts Herald on
 * its database with {@link #startOn} in its {@code @BeforeAll}. The fields are static, as in
 * {@link ApiTestBase}: the test classes run one after another.
 */
public abstract class DatabaseApiTestBase {

    protected static HeraldInstance herald;
    protected static Scenario scenario;

    protected static void startOn(TestDatabase database) {
        herald = HeraldInstance.start(database);
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stopHerald() {
        if (herald != null) {
            herald.close();
            herald = null;
            scenario = null;
        }
    }
}
