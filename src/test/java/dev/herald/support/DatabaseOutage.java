package dev.herald.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes one database of the shared embedded PostgreSQL unreachable and then reachable again, as a
 * database that went away would be: new connections are refused and open ones are closed by the
 * server. The other tests' databases on the same server are left alone.
 */
public final class DatabaseOutage {

    private static final Pattern DATABASE = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)");

    private final String name;
    private final String maintenanceUrl;
    private final TestDatabase database;

    public DatabaseOutage(TestDatabase database) {
        Matcher url = DATABASE.matcher(database.url());
        if (!url.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL database: " + database.url());
        }
        this.name = url.group(2);
        this.maintenanceUrl = url.group(1) + "postgres" + url.group(3);
        this.database = database;
    }

    /** Refuses new connections to the database and closes the open ones. */
    public void begin() {
        execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    public void end() {
        execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    private void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, database.username(), database.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
