package dev.herald.api;

import static dev.herald.support.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port accepts requests before Herald's routes have started. Herald's start is held there (a
 * service added before Herald configures itself, so Camel starts it after the HTTP server and
 * before Herald's own services and routes), and every request in that window, to any path, gets a
 * 503 with Retry-After in the API's error shape, never the server's HTML 404 that a producer takes
 * as final. Once the start goes on, the API answers.
 */
class StartupGateTest {

    private static final List<String> PATHS = List.of("/v2/events", "/v2/notifications/deliveries",
            "/api/scanning/v1/alerts", "/observe/health", "/no/such/route", "/v2/events/%2e%2e");

    @TempDir
    Path folder;

    @Test
    void everyRequestWhileHeraldStartsGets503WithRetryAfterAndNever404() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Main main = HeraldInstance.configured(TestDatabase.h2(folder), Map.of());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport configured) {
                try {
                    configured.getCamelContext().addService(new HeldStart(release));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        ExecutorService starter = Executors.newSingleThreadExecutor();
        try {
            Future<?> started = starter.submit(() -> {
                main.start();
                return null;
            });
            int port = await().atMost(Duration.ofSeconds(60)).until(() -> listeningPort(main), found -> found > 0);
            ApiClient admin = ApiClient.anonymous("http://localhost:" + port)
                    .withCredentials("admin", HeraldInstance.ADMIN_PASSWORD);

            for (String path : PATHS) {
                for (String method : List.of("GET", "POST")) {
                    ApiResponse early = admin.send(method, path, method.equals("POST") ? "{}" : null, "application/json");
                    assertError(early, 503, "ServiceUnavailable");
                    assertThat(early.header("Retry-After")).as(method + " " + path).isEqualTo("2");
                }
            }
            assertThat(started).as("Herald is still held").isNotDone();

            release.countDown();
            started.get(60, TimeUnit.SECONDS);
            ApiResponse ingested = admin.post("/v2/events", Scenario.event("user.image.analysis.completed", "info", "image_digest"));
            assertThat(ingested.status()).as(ingested.toString()).isEqualTo(200);
        } finally {
            release.countDown();
            starter.shutdown();
            main.stop();
        }
    }

    private static int listeningPort(Main main) {
        CamelContext context = main.getCamelContext();
        VertxPlatformHttpServer server = context == null ? null : context.hasService(VertxPlatformHttpServer.class);
        return server == null ? 0 : server.getPort();
    }

    /** Holds Camel's start until the test releases it. */
    private static final class HeldStart extends ServiceSupport {
        private final CountDownLatch release;

        HeldStart(CountDownLatch release) {
            this.release = release;
        }

        @Override
        protected void doStart() throws InterruptedException {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released Herald's start");
            }
        }
    }
}
