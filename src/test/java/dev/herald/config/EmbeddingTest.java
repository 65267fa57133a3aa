package dev.herald.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host integration without an HTTP server adds Herald without its REST API; the host with one is
 * the README's example, run by {@code HostExampleTest}.
 */
class EmbeddingTest {

    private final LoopbackReceiver receiver = new LoopbackReceiver();
    @TempDir
    Path hostDataDirectory;
    private CamelContext host;
    private JdbcDataSource hostDataSource;

    @BeforeEach
    void hostWithItsOwnRouteAndDataSource() throws Exception {
        hostDataSource = new JdbcDataSource();
        hostDataSource.setURL("jdbc:h2:mem:host-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        host = new DefaultCamelContext();
        Properties hostProperties = new Properties();
        hostProperties.setProperty("herald.cycle-timers.notifications", "0.1");
        hostProperties.setProperty("herald.admin.password", HeraldInstance.ADMIN_PASSWORD);
        // no herald.secret-key: Herald generates its key into the host's data directory
        hostProperties.setProperty("herald.data-directory", hostDataDirectory.toString());
        host.getPropertiesComponent().setOverrideProperties(hostProperties);
        host.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:host-own-route").routeId("host-own-route").setBody(constant("host still works"));
            }
        });
    }

    @AfterEach
    void stop() {
        host.stop();
        receiver.close();
    }

    @Test
    void withoutTheRestApiOnlyRelayAndDispatchAreAddedAndTheyRunOnTheHostsDatabase() throws Exception {
        Herald.addTo(host, hostDataSource, Herald.Parts.WITHOUT_REST_API);
        host.start();

        // the deliver route of every channel, and no REST route
        assertThat(host.getRoutes()).extracting(route -> route.getRouteId())
                .containsExactlyInAnyOrder("host-own-route", "relay-events", "wake-relay", "dispatch-deliveries", "wake-dispatch",
                        "deliver", "deliver-smtp", "deliver-slack", "deliver-teams", "deliver-github", "deliver-jira", "deliver-webhook");

        // a host without HTTP administers Herald in its database, which Herald migrated on the host's DataSource
        Jdbi sql = Jdbi.create(hostDataSource);
        sql.useTransaction(handle -> {
            handle.execute("INSERT INTO endpoint_configurations (uuid, account_name, endpoint_type, settings, "
                    + "created_at, last_updated) VALUES ('c-1', 'admin', 'webhook', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                    "{\"url\":\"" + receiver.url("/no-rest") + "\"}");
            handle.execute("INSERT INTO selectors (uuid, configuration_uuid, scope, event_level, event_type, "
                    + "event_resource_type, created_at) VALUES ('s-1', 'c-1', 'account', '*', 'system.*', '*', CURRENT_TIMESTAMP)");
            handle.execute("UPDATE configuration_version SET version = version + 1");
            handle.execute("INSERT INTO events (event_id, event_type, event_level) VALUES ('e-1', 'system.feeds.sync.completed', 'info')");
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(receiver.requestsTo("/no-rest"))
                .singleElement().satisfies(r -> assertThat(r.header("X-Herald-Event-Id")).isEqualTo("e-1")));
        // the receiver has answered; the outcome is recorded just after
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> states = sql.withHandle(h -> h.createQuery("SELECT state FROM deliveries").mapTo(String.class).list());
            assertThat(states).containsExactly("delivered");
        });
        assertThat(Files.readString(hostDataDirectory.resolve("secret.key")).strip()).as("the base64 of 32 bytes").hasSize(44);
    }
}
