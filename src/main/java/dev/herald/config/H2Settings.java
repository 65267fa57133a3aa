package dev.herald.config;

import dev.herald.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two H2 settings Herald's guarantees need, made at every start (both need an admin user, as the
 * default {@code sa} is):
 * <ul>
 * <li>{@code WRITE_DELAY 0}: by default H2 writes committed transactions to its file up to 500 ms
 * later, so a process killed meanwhile loses them: events the API had answered 200 for, deliveries
 * recorded delivered. With 0, a commit is in the file when it returns. (Stored in the file.)
 * <li>{@code OPTIMIZE_REUSE_RESULTS 0}: H2 (2.3) answers a query again with its last result when no
 * table it reads was modified since, but counts a modification when a row is written, not when the
 * writer commits, so a query run between another session's write and its commit keeps answering
 * without that commit. Herald would miss a configuration change until the next one: the catalog
 * could read the new version with the old configurations and selectors. (Not stored: it holds for
 * the database while it is open.)
 * </ul>
 */
final class H2Settings {

    private static final Logger LOG = LoggerFactory.getLogger(H2Settings.class);

    private H2Settings() {
    }

    static void apply(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if (Database.of(connection) != Database.H2) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
                statement.execute("SET OPTIMIZE_REUSE_RESULTS 0");
            }
        } catch (SQLException e) {
            LOG.warn("Could not apply H2's settings ({}): commits may be lost when the process is killed, and "
                    + "configuration changes seen late. Add ;WRITE_DELAY=0;OPTIMIZE_REUSE_RESULTS=0 to the H2 URL, "
                    + "or connect as an admin user", e.getMessage());
        }
    }
}
