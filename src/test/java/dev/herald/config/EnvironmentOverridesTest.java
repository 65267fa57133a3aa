package dev.herald.config;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.HeraldMain;
import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.LoopbackReceiver;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators configure Herald without editing files: environment variables (HERALD_*, CAMEL_*) and
 * system properties override application.properties. Checked on a separate Herald process, as an
 * operator would start it.
 */
class EnvironmentOverridesTest {

    private static final String SECRET_KEY = "ZW52aXJvbm1lbnQta2V5LW9mLTMyLWJ5dGVzLS0tLS0=";

    @TempDir
    Path folder;

    @Test
    void environmentVariablesAndSystemPropertiesConfigureAHeraldProcess() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = folder.resolve("herald.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dherald.admin.password=from-a-system-property",
                "-cp", System.getProperty("java.class.path"),
                HeraldMain.class.getName())
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("CAMEL_SERVER_PORT", Integer.toString(port));
        environment.put("HERALD_DATASOURCE_URL", "jdbc:h2:file:" + folder.resolve("data" + File.separator + "herald")
                + ";DB_CLOSE_ON_EXIT=FALSE");
        environment.put("HERALD_CYCLE_TIMERS_NOTIFICATIONS", "0.2");
        environment.put("HERALD_SECRET_KEY", SECRET_KEY);
        Process herald = builder.start();
        try (LoopbackReceiver receiver = new LoopbackReceiver()) {
            ApiClient api = ApiClient.anonymous("http://localhost:" + port).withCredentials("admin", "from-a-system-property");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> api.get("/v2/notifications/endpoints").status() == 200);

            ApiResponse created = api.post("/v2/notifications/endpoints/webhook/configurations",
                    Map.of("url", receiver.url("/env")));
            api.post("/v2/notifications/endpoints/webhook/configurations/" + created.text("uuid") + "/selectors",
                    selector("account", "*", "*", "*"));
            long posted = System.nanoTime();
            api.post("/v2/events", event("system.test.random_wisdom", "info", "wisdom"));

            // the default cycle is 30 s: arriving within a few seconds shows the 0.2 s from the environment
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.requestsTo("/env").size() == 1);
            assertThat(Duration.ofNanos(receiver.requestsTo("/env").get(0).receivedAtNanos() - posted))
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(Files.exists(folder.resolve("data").resolve("herald.mv.db")))
                    .as("the database is where HERALD_DATASOURCE_URL points").isTrue();
        } finally {
            herald.destroy();
            herald.waitFor();
        }
        List<String> output = Files.readAllLines(log);
        assertThat(output).anySatisfy(line -> assertThat(line)
                .contains("[OS Environment Variable]").contains("herald.cycle-timers.notifications = 0.2"));
        assertThat(output).noneSatisfy(line -> assertThat(line).contains("from-a-system-property"));
        assertThat(output).noneSatisfy(line -> assertThat(line).contains(SECRET_KEY));
        assertThat(folder.resolve("data").resolve("secret.key")).as("the key came from HERALD_SECRET_KEY").doesNotExist();
    }
}
