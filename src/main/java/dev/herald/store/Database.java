package dev.herald.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * The two databases Herald runs on, told apart by a connection: for the migrations, kept per
 * database, and the few statements the two must be given differently.
 */
public enum Database {
    H2("h2"),
    POSTGRESQL("postgresql");

    private final String migrations;

    Database(String migrations) {
        this.migrations = migrations;
    }

    /** The folder of this database's migrations under {@code db/migration}. */
    public String migrations() {
        return migrations;
    }

    public static Database of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalStateException("Herald runs on H2 or PostgreSQL, not " + product);
    }

    public static Database of(Handle handle) {
        try {
            return of(handle.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is: " + e.getMessage(), e);
        }
    }
}
