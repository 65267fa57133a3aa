package dev.herald.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns off H2's reuse of query results. H2 (2.3) answers a query again with its last result when
 * no table it reads was modified since; but it counts a modification when a row is written, not
 * when the writer commits, so a query run between another session's write and its commit keeps
 * answering without that commit. Herald would miss a configuration change until the next one: the
 * catalog can read the new version with the old configurations and selectors. The setting holds
 * for the whole database while it is open (not stored in the file), so it is set at every start;
 * it needs an admin user, as the default {@code sa} is.
 */
final class H2ResultReuse {

    private static final Logger LOG = LoggerFactory.getLogger(H2ResultReuse.class);

    private H2ResultReuse() {
    }

    static void turnOff(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (Database.of(connection) != Database.H2) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET OPTIMIZE_REUSE_RESULTS 0");
            }
        } catch (SQLException e) {
            LOG.warn("Could not turn off H2's reuse of query results ({}): configuration changes may be seen late. "
                    + "Add ;OPTIMIZE_REUSE_RESULTS=0 to the H2 URL, or connect as an admin user", e.getMessage());
        }
    }
}
