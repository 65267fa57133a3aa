package dev.herald.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.config.JsonMapper;
import dev.herald.endpoint.secret.SecretBox;
import dev.herald.scanning.alert.AlertRepository;
import dev.herald.store.ConfigurationVersion;
import dev.herald.support.HeraldInstance;
import dev.herald.support.TestDatabase;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A configuration snapshot holds exactly what its version stands for, while changes commit beside
 * the reads: a snapshot that carried a new version without that change's rows would be kept, and
 * the change ignored, until the next change. Each change here adds one configuration with many
 * selectors (a long commit) and bumps the version, as the API does; a catalog reads all along.
 */
abstract class ConfigurationCatalogScenarios {

    private static final int CHANGES = 120;
    private static final int SELECTORS_PER_CHANGE = 400;

    private HeraldInstance herald;
    private Jdbi sql;
    private ConfigurationCatalog catalog;
    private long first;

    protected abstract TestDatabase database();

    /** Herald for its schema (and a relay reading beside the test), a catalog of the test's own, an account. */
    @BeforeEach
    void start() {
        TestDatabase database = database();
        herald = HeraldInstance.start(database);
        sql = database.jdbi();
        catalog = catalog(sql);
        first = catalog.current().version();
        sql.useHandle(handle -> handle.execute("INSERT INTO accounts (name) VALUES ('catalog')"));
    }

    @AfterEach
    void stop() {
        herald.close();
    }

    @Test
    void everySnapshotHoldsTheChangesItsVersionCounts() {
        CompletableFuture<Void> changes = CompletableFuture.runAsync(() -> {
            for (int change = 0; change < CHANGES; change++) {
                addConfiguration(sql, change);
            }
        });
        List<String> inconsistent = new ArrayList<>();
        int snapshots = 0;
        while (!changes.isDone()) {
            ConfigurationSnapshot snapshot = catalog.current();
            long counted = snapshot.version() - first;
            snapshots++;
            if (snapshot.configurations().size() != counted
                    || snapshot.matcher().size() != counted * SELECTORS_PER_CHANGE) {
                inconsistent.add("version +" + counted + " with " + snapshot.configurations().size()
                        + " configurations and " + snapshot.matcher().size() + " selectors");
            }
        }
        changes.join();

        assertThat(snapshots).isPositive();
        assertThat(inconsistent).isEmpty();
        ConfigurationSnapshot last = catalog.current();
        assertThat(last.version()).isEqualTo(first + CHANGES);
        assertThat(last.configurations()).hasSize(CHANGES);
    }

    /**
     * The relay reads the snapshot inside its own transaction, after claiming events: a change
     * since the last snapshot is loaded all the same (on a connection of the catalog's own).
     */
    @Test
    void aChangeIsLoadedWhenTheSnapshotIsAskedForInsideATransaction() {
        addConfiguration(sql, 0);

        ConfigurationSnapshot snapshot = sql.inTransaction(handle -> {
            handle.execute("UPDATE configuration_version SET version = version WHERE id = 1");
            return catalog.current(handle);
        });

        assertThat(snapshot.version()).isEqualTo(first + 1);
        assertThat(snapshot.configurations()).containsOnlyKeys("catalog-0");
    }

    private static ConfigurationCatalog catalog(Jdbi sql) {
        ObjectMapper json = JsonMapper.create();
        SecretBox secrets = new SecretBox(SecretBox.key(Base64.getDecoder().decode(HeraldInstance.SECRET_KEY)));
        return new ConfigurationCatalog(sql, new EndpointRepository(sql), new ConfigurationRepository(sql, json, secrets),
                new SelectorRepository(sql), new AlertRepository(sql, json));
    }

    /** One change, in one transaction, as the API makes it: the rows, then the version bump. */
    private static void addConfiguration(Jdbi sql, int change) {
        sql.useTransaction(handle -> {
            String uuid = "catalog-" + change;
            handle.createUpdate("INSERT INTO endpoint_configurations (uuid, account_name, endpoint_type, settings, "
                            + "created_at, last_updated) VALUES (:uuid, 'catalog', 'webhook', :settings, "
                            + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                    .bind("uuid", uuid)
                    .bind("settings", "{\"url\":\"http://127.0.0.1:9/" + change + "\"}")
                    .execute();
            PreparedBatch selectors = handle.prepareBatch("INSERT INTO selectors (uuid, configuration_uuid, scope, "
                    + "event_level, event_type, event_resource_type, created_at) VALUES (:uuid, :configuration, "
                    + "'account', '*', :type, '*', CURRENT_TIMESTAMP)");
            for (int i = 0; i < SELECTORS_PER_CHANGE; i++) {
                selectors.bind("uuid", uuid + "-" + i).bind("configuration", uuid)
                        .bind("type", "user.catalog.t" + i + ".*").add();
            }
            selectors.execute();
            ConfigurationVersion.bump(handle);
        });
    }
}
