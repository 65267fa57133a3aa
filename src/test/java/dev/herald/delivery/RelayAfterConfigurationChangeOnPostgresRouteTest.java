package dev.herald.delivery;

import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A configuration change made through any replica applies to every event stored after it, even
 * when a relay pass had begun before the change: the pass must read the configuration after it
 * claims its events, not before. The test holds the relay between the two on PostgreSQL by
 * locking the events table, changes the configuration, then stores an event and lets go.
 */
class RelayAfterConfigurationChangeOnPostgresRouteTest {

    @Test
    void anEventStoredAfterAChangeMeetsTheChangeThoughTheRelayPassBeganBefore() {
        TestDatabase database = TestDatabase.postgres();
        try (LoopbackReceiver receiver = new LoopbackReceiver(); HeraldInstance herald = HeraldInstance.start(database)) {
            Scenario scenario = new Scenario(herald);
            ApiClient admin = herald.api();
            String before = scenario.webhook(admin, receiver.url("/before"), List.of(selector("account", "*", "*", "*")));
            Jdbi sql = database.jdbi();
            try (Handle lock = sql.open()) {
                lock.begin();
                lock.execute("LOCK TABLE events IN EXCLUSIVE MODE");
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> relayWaitsForTheLock(sql));

                String selectors = "/v2/notifications/endpoints/webhook/configurations/" + before + "/selectors";
                String selector = admin.get(selectors).json().get(0).get("uuid").asText();
                assertThat(admin.delete(selectors + "/" + selector).status()).isEqualTo(200);
                String after = scenario.webhook(admin, receiver.url("/after"), List.of(selector("account", "*", "*", "*")));
                lock.execute("INSERT INTO events (event_id, event_type, event_level) "
                        + "VALUES ('stored-after-the-change', 'user.image.analysis.completed', 'info')");
                lock.commit();

                scenario.awaitSettled("stored-after-the-change");
                assertThat(receiver.requestsTo("/after")).hasSize(1);
                assertThat(receiver.requestsTo("/before")).isEmpty();
                assertThat(scenario.deliveriesOf(admin, "stored-after-the-change")).singleElement()
                        .satisfies(delivery -> assertThat(delivery.get("configuration_uuid").asText()).isEqualTo(after));
            }
        }
    }

    /** True once a relay pass is blocked claiming events behind the test's table lock. */
    private static boolean relayWaitsForTheLock(Jdbi sql) {
        return sql.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM pg_stat_activity "
                        + "WHERE wait_event_type = 'Lock' AND query LIKE '%FROM events WHERE relayed_at IS NULL%'")
                .mapTo(Integer.class).one()) > 0;
    }
}
