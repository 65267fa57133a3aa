package dev.herald.embed;

import static dev.herald.support.Scenario.createWebhook;
import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.LoopbackReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's host example runs: Herald inside a host's own context delivers, and the host's routes still answer. */
class HostExampleTest {

    private static final String PASSWORD = "host-admin-password";

    private final LoopbackReceiver receiver = new LoopbackReceiver();
    @TempDir
    Path dataDirectory;
    private HostExample host;

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        receiver.close();
    }

    @Test
    void heraldInsideTheHostServesItsApiOnTheHostsServerAndDeliversAnEvent() throws Exception {
        Properties settings = new Properties();
        settings.setProperty("host.datasource.url", "jdbc:h2:mem:host-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        settings.setProperty("host.datasource.username", "sa");
        settings.setProperty("host.datasource.password", "");
        settings.setProperty("herald.admin.password", PASSWORD);
        settings.setProperty("herald.data-directory", dataDirectory.toString());
        settings.setProperty("herald.cycle-timers.notifications", "0.1");
        host = new HostExample(0, settings);
        host.start();

        String base = "http://localhost:" + host.httpPort();
        ApiClient api = ApiClient.anonymous(base).withCredentials("admin", PASSWORD);
        createWebhook(api, Map.of("url", receiver.url("/from-host")), List.of(selector("account", "*", "*", "*")));
        String eventId = api.post("/v2/events", event("user.image.analysis.completed", "info", "image_tag")).text("event_id");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(receiver.requestsTo("/from-host"))
                .singleElement().satisfies(r -> assertThat(r.header("X-Herald-Event-Id")).isEqualTo(eventId)));
        assertThat(ApiClient.anonymous(base).get("/host/hello").body()).isEqualTo("hello from the host");
        assertThat(host.camel().getName()).as("the host's context, not one of Herald's").isEqualTo("host");
        assertThat(dataDirectory.resolve("secret.key")).as("the key generated for the host's Herald").isRegularFile();
    }
}
