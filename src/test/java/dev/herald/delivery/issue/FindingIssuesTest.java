package dev.herald.delivery.issue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The finding_issues table on both databases: remembered, replaced, and gone with its configuration. */
class FindingIssuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anIssueIsRememberedReplacedAndDeletedWithItsConfiguration(String vendor, @TempDir Path folder) {
        TestDatabase database = vendor.equals("h2") ? TestDatabase.h2(folder) : TestDatabase.postgres();
        Flyway.configure().dataSource(database.url(), database.username(), database.password())
                .locations("classpath:db/migration/" + vendor).table("herald_schema_history").load().migrate();
        Jdbi sql = database.jdbi();
        sql.useHandle(handle -> handle.execute("INSERT INTO endpoint_configurations (uuid, account_name, endpoint_type, "
                + "settings, created_at, last_updated) VALUES ('c-1', 'admin', 'github', '{}', CURRENT_TIMESTAMP, "
                + "CURRENT_TIMESTAMP)"));
        FindingIssues issues = new FindingIssues(sql, Clock.fixed(Instant.parse("2026-11-21T09:00:00Z"), ZoneOffset.UTC));
        Finding finding = new Finding("0123456789ab");

        assertThat(issues.find("c-1", finding)).isEmpty();
        issues.remember("c-1", finding, "41");
        issues.remember("c-1", finding, "42");
        issues.remember("c-1", new Finding("ba9876543210"), "7");

        assertThat(issues.find("c-1", finding)).contains("42");
        assertThat(issues.find("c-2", finding)).isEmpty();
        sql.useHandle(handle -> handle.execute("DELETE FROM endpoint_configurations WHERE uuid = 'c-1'"));
        assertThat(issues.find("c-1", finding)).isEmpty();
        int left = sql.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM finding_issues")
                .mapTo(Integer.class).one());
        assertThat(left).as("rows left after the configuration was deleted").isZero();
    }
}
