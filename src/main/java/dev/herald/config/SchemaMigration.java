package dev.herald.config;

import dev.herald.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with Flyway before anything touches it. Migrations are kept per
 * database (db/migration/h2, db/migration/postgresql) because the two spell types differently.
 */
final class SchemaMigration {

    private SchemaMigration() {
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor(dataSource))
                .table("herald_schema_history")
                .load()
                .migrate();
    }

    private static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return Database.of(connection).migrations();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
    }
}
