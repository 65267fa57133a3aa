package dev.herald.endpoint;

import dev.herald.support.TestDatabase;

/** The catalog's snapshots on PostgreSQL. */
class ConfigurationCatalogOnPostgresTest extends ConfigurationCatalogScenarios {

    @Override
    protected TestDatabase database() {
        return TestDatabase.postgres();
    }
}
