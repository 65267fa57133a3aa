package dev.herald.observe;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.ApiResponse;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.PrometheusScrape;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /observe/metrics: Herald's meters count known traffic, Camel's route meters are there, nothing secret is. */
class ObserveMetricsTest {

    @TempDir
    static Path folder;

    static LoopbackReceiver receiver;
    static HeraldInstance herald;
    static Scenario scenario;

    @BeforeAll
    static void start() {
        receiver = new LoopbackReceiver();
        herald = HeraldInstance.start(TestDatabase.h2(folder));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        herald.close();
        receiver.close();
    }

    @Test
    void theMetricsCountDeliveriesByEndpointTypeAndOutcomeWithoutApiCredentials() {
        ApiClient acme = scenario.newAccount();
        String webhook = scenario.webhook(acme, receiver.url("/metrics-webhook"), List.of(selector("account", "*", "*", "*")));
        String teams = teamsConfiguration(acme, receiver.url("/metrics-teams"));
        // a disabled endpoint type: its deliveries are recorded as suppressed, not sent
        assertThat(herald.api().put("/v2/notifications/endpoints/teams", Map.of("enabled", false)).status()).isEqualTo(200);
        PrometheusScrape before = PrometheusScrape.of(herald);

        List<String> eventIds = scenario.postAll(acme, List.of(event("system.test.random_wisdom", "info", "wisdom"),
                event("system.test.random_wisdom", "info", "wisdom"), event("system.test.random_wisdom", "error", "wisdom")));
        scenario.awaitSettled(eventIds);

        PrometheusScrape after = PrometheusScrape.of(herald);
        assertThat(increase(before, after, "herald_events_relayed_total", Map.of())).isEqualTo(3);
        assertThat(increase(before, after, "herald_deliveries_total", Map.of("endpoint_type", "webhook", "outcome", "delivered")))
                .isEqualTo(3);
        assertThat(increase(before, after, "herald_deliveries_total", Map.of("endpoint_type", "teams", "outcome", "suppressed")))
                .isEqualTo(3);
        assertThat(increase(before, after, "herald_delivery_attempts_total", Map.of("endpoint_type", "webhook"))).isEqualTo(3);
        assertThat(increase(before, after, "herald_delivery_attempts_total", Map.of("endpoint_type", "teams"))).isEqualTo(3);
        assertThat(after.value("herald_delivery_retries_total", Map.of("endpoint_type", "webhook"))).isZero();
        Map<String, String> delivered = Map.of("endpoint_type", "webhook", "outcome", "delivered");
        assertThat(increase(before, after, "herald_delivery_latency_seconds_count", delivered)).isEqualTo(3);
        assertThat(increase(before, after, "herald_delivery_latency_seconds_bucket", withLe(delivered, "+Inf"))).isEqualTo(3);
        // stored, relayed within a 100 ms cycle and sent to a receiver on loopback: well within 30 s
        assertThat(increase(before, after, "herald_delivery_latency_seconds_bucket", withLe(delivered, "30.0"))).isEqualTo(3);
        assertThat(increase(before, after, "herald_delivery_latency_seconds_sum", delivered)).isPositive();
        // Camel's own meters per route
        assertThat(after.value("camel_exchanges_total", Map.of("routeId", "deliver-webhook"))).isGreaterThanOrEqualTo(3);
        assertThat(after.value("camel_route_policy_seconds_count", Map.of("routeId", "deliver-webhook")))
                .isGreaterThanOrEqualTo(3);
        assertThat(after.value("camel_routes_running_routes")).isPositive();
        // nothing that identifies a receiver, a configuration or an account
        assertThat(after.text()).doesNotContain(receiver.url(""), "127.0.0.1", webhook, teams, acme.account());

        assertThat(herald.api().put("/v2/notifications/endpoints/teams", Map.of("enabled", true)).status()).isEqualTo(200);
    }

    @Test
    void theBacklogGaugesShowNothingPendingOnceAllIsDelivered() {
        ApiClient acme = scenario.newAccount();
        scenario.webhook(acme, receiver.url("/metrics-backlog"), List.of(selector("account", "*", "*", "*")));
        scenario.awaitSettled(scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom")));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.of(herald);
            assertThat(scrape.value("herald_delivery_queue_depth")).isZero();
            assertThat(scrape.value("herald_events_unrelayed")).isZero();
            assertThat(scrape.value("herald_delivery_oldest_pending_age_seconds")).isZero();
        });
    }

    private static String teamsConfiguration(ApiClient account, String url) {
        ApiResponse created = account.post("/v2/notifications/endpoints/teams/configurations", Map.of("url", url));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String uuid = created.text("uuid");
        ApiResponse selected = account.post("/v2/notifications/endpoints/teams/configurations/" + uuid + "/selectors",
                selector("account", "*", "*", "*"));
        assertThat(selected.status()).as(selected.toString()).isEqualTo(200);
        return uuid;
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static Map<String, String> withLe(Map<String, String> labels, String le) {
        Map<String, String> all = new HashMap<>(labels);
        all.put("le", le);
        return all;
    }
}
