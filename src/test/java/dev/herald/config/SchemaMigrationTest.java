package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.store.Database;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V6 on a database that already holds deliveries of the state it retires: {@code failed} ones
 * become {@code dead} (replayable), the others keep theirs, and {@code failed} is refused from then on.
 */
class SchemaMigrationTest {

    @TempDir
    static Path folder;

    record Database(String vendor, DataSource dataSource) {
        @Override
        public String toString() {
            return vendor;
        }
    }

    static Stream<Database> databases() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(TestDatabase.h2(folder.resolve("before-v6")).url());
        TestDatabase database = TestDatabase.postgres();
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(database.url());
        postgres.setUser(database.username());
        postgres.setPassword(database.password());
        return Stream.of(new Database("h2", h2), new Database("postgresql", postgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void failedDeliveriesBecomeDeadAndTheOthersKeepTheirState(Database database) {
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration/" + database.vendor())
                .table("herald_schema_history").target("5").load().migrate();
        Jdbi sql = Jdbi.create(database.dataSource());
        sql.useHandle(handle -> {
            handle.execute("INSERT INTO endpoint_configurations (uuid, account_name, endpoint_type, settings, created_at, "
                    + "last_updated) VALUES ('c', 'admin', 'webhook', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            // one event each: a configuration gets one delivery per event
            List<String> states = List.of("pending", "delivered", "failed", "suppressed");
            for (int event = 1; event <= states.size(); event++) {
                handle.execute("INSERT INTO events (id, event_type, event_level) VALUES (?, 'system.test.random_wisdom', 'info')",
                        event);
                handle.execute("INSERT INTO deliveries (uuid, event_id, configuration_uuid, endpoint_type, account_name, state, "
                        + "attempts, next_attempt_at, last_error, created_at, updated_at) VALUES (?, ?, 'c', 'webhook', 'admin', ?, "
                        + "1, CURRENT_TIMESTAMP, 'HTTP 500', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", "was-" + states.get(event - 1),
                        event, states.get(event - 1));
            }
        });

        SchemaMigration.migrate(database.dataSource());

        sql.useHandle(handle -> {
            assertThat(handle.createQuery("SELECT uuid || '=' || state FROM deliveries ORDER BY uuid").mapTo(String.class).list())
                    .containsExactly("was-delivered=delivered", "was-failed=dead", "was-pending=pending",
                            "was-suppressed=suppressed");
            assertThat(handle.createQuery("SELECT last_error FROM deliveries WHERE uuid = 'was-failed'").mapTo(String.class).one())
                    .isEqualTo("HTTP 500");
            assertThat(handle.createQuery("SELECT attempts_before_replay FROM deliveries WHERE uuid = 'was-failed'")
                    .mapTo(Integer.class).one()).isZero();
            assertThatThrownBy(() -> handle.execute("UPDATE deliveries SET state = 'failed' WHERE uuid = 'was-pending'"))
                    .as("the retired state is refused").message().containsIgnoringCase("deliveries_state");
        });
    }
}
