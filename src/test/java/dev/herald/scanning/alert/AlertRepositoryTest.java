package dev.herald.scanning.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scanning_alerts table on both databases: every field kept, search and paging, account
 * scoping, the configuration version bumped by every change, and alerts gone with their account.
 */
class AlertRepositoryTest {

    private static final Instant CREATED = Instant.parse("2026-11-21T09:08:54.123456Z");

    private static Jdbi migrated(String vendor, Path folder) {
        TestDatabase database = vendor.equals("h2") ? TestDatabase.h2(folder) : TestDatabase.postgres();
        Flyway.configure().dataSource(database.url(), database.username(), database.password())
                .locations("classpath:db/migration/" + vendor).table("herald_schema_history").load().migrate();
        Jdbi sql = database.jdbi();
        sql.useHandle(handle -> handle.execute("INSERT INTO accounts (name) VALUES ('acme'), ('globex')"));
        return sql;
    }

    private static long version(Jdbi sql) {
        return sql.withHandle(handle -> handle.createQuery("SELECT version FROM configuration_version").mapTo(Long.class).one());
    }

    private static Alert alert(String id, String account, String name) {
        AlertSettings settings = new AlertSettings(name, "description of " + name, true, AlertType.REPOSITORY, "",
                List.of(new RepositoryPattern("docker.io", "acme/*", "*"), new RepositoryPattern("quay.io", "acme/api", "1.*")),
                Set.of(Trigger.ANALYSIS_UPDATE, Trigger.VULN_UPDATE), false, List.of("c-2", "c-1"),
                new EchoedSysdigFields(true, false, true));
        return new Alert(id, account, settings, CREATED, CREATED.plusSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anAlertIsKeptWithEveryFieldReplacedAndDeletedEachChangeBumpingTheVersion(String vendor, @TempDir Path folder) {
        Jdbi sql = migrated(vendor, folder);
        AlertRepository alerts = new AlertRepository(sql, new ObjectMapper());
        Alert stored = alert("a-1", "acme", "acme images");
        long before = version(sql);

        alerts.insert(stored);
        assertThat(alerts.find("acme", "a-1")).contains(stored);
        assertThat(alerts.find("globex", "a-1")).isEmpty();
        assertThat(version(sql)).isEqualTo(before + 1);

        AlertSettings runtime = new AlertSettings("prod", "", false, AlertType.RUNTIME, "kubernetes.namespace.name = 'prod'",
                List.of(), Set.of(Trigger.UNSCANNED), false, List.of(), EchoedSysdigFields.NONE);
        Alert replaced = new Alert("a-1", "acme", runtime, CREATED, CREATED.plus(1, ChronoUnit.HOURS));
        assertThat(alerts.update(replaced)).isTrue();
        assertThat(alerts.update(new Alert("a-1", "globex", runtime, CREATED, CREATED))).as("another account's").isFalse();
        assertThat(alerts.find("acme", "a-1")).contains(replaced);
        assertThat(version(sql)).isEqualTo(before + 3);

        assertThat(sql.withHandle(alerts::allEnabled)).as("disabled alerts are not compiled").isEmpty();
        assertThat(alerts.delete("globex", "a-1")).isFalse();
        assertThat(alerts.delete("acme", "a-1")).isTrue();
        assertThat(alerts.find("acme", "a-1")).isEmpty();
        assertThat(version(sql)).isEqualTo(before + 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void alertsAreListedInPagesAndSearchedByNameInTheirAccountOnly(String vendor, @TempDir Path folder) {
        Jdbi sql = migrated(vendor, folder);
        AlertRepository alerts = new AlertRepository(sql, new ObjectMapper());
        List<String> names = List.of("Prod CVEs", "dev unscanned", "PRODUCTION analysed", "100% prod_like", "staging");
        for (int i = 0; i < names.size(); i++) {
            alerts.insert(alert("a-" + i, "acme", names.get(i)));
            alerts.insert(alert("g-" + i, "globex", names.get(i)));
        }

        List<String> paged = new ArrayList<>();
        AlertListing page = alerts.list("acme", null, null, 2);
        paged.addAll(page.alerts().stream().map(Alert::alertId).toList());
        while (page.nextAfter() != null) {
            page = alerts.list("acme", null, page.nextAfter(), 2);
            paged.addAll(page.alerts().stream().map(Alert::alertId).toList());
        }
        assertThat(paged).containsExactly("a-0", "a-1", "a-2", "a-3", "a-4");

        assertThat(alerts.list("acme", "prod", null, 10).alerts()).extracting(alert -> alert.settings().name())
                .containsExactly("Prod CVEs", "PRODUCTION analysed", "100% prod_like");
        assertThat(alerts.list("acme", "% p", null, 10).alerts()).extracting(Alert::alertId).containsExactly("a-3");
        assertThat(alerts.list("acme", "d_l", null, 10).alerts()).extracting(Alert::alertId).containsExactly("a-3");
        assertThat(alerts.list("acme", "v_u", null, 10).alerts()).as("_ taken literally").isEmpty();
        assertThat(alerts.list("acme", "!", null, 10).alerts()).as("the escape character taken literally").isEmpty();
        AlertListing firstOfProd = alerts.list("acme", "PROD", null, 2);
        assertThat(alerts.list("acme", "PROD", firstOfProd.nextAfter(), 2).alerts()).extracting(Alert::alertId)
                .containsExactly("a-3");

        sql.useHandle(handle -> handle.execute("DELETE FROM accounts WHERE name = 'globex'"));
        assertThat(alerts.list("globex", null, null, 10).alerts()).as("gone with their account").isEmpty();
    }
}
