package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Answer;
import dev.herald.support.PrometheusScrape;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A burst larger than dispatch's slots waits in the events table, not as pending deliveries: the
 * relay turns only as many events into deliveries as there are free slots (each event here makes
 * two), hands those over already claimed, and is woken when slots free up. So each delivery costs two row writes (its insert, and
 * its outcome), counted by a trigger the test adds to the deliveries table. Real Main and YAML, a
 * real receiver on loopback.
 */
class BurstWaitsForSlotsOnPostgresRouteTest {

    /** A relay pass waits for a quarter of them: two slots, an event's two deliveries. */
    private static final int IN_FLIGHT = 8;
    private static final int EVENTS = 100;
    /** Each event is a delivery to each of two configurations. */
    private static final int DELIVERIES = 2 * EVENTS;

    static HeraldInstance herald;
    static Scenario scenario;
    static LoopbackReceiver receiver;
    static TestDatabase database;

    @BeforeAll
    static void start() {
        receiver = new LoopbackReceiver();
        database = TestDatabase.postgres();
        herald = HeraldInstance.start(database, Map.of("herald.dispatch.in-flight", Integer.toString(IN_FLIGHT),
                "herald.dispatch.per-configuration", Integer.toString(IN_FLIGHT)));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        herald.close();
    }

    @Test
    void aBurstWaitsInTheEventsTableAndEachDeliveryIsWrittenTwice() throws Exception {
        ApiClient acme = scenario.newAccount();
        CountDownLatch open = new CountDownLatch(1);
        receiver.script("POST", "/burst/.*", (request, path) -> {
            try {
                open.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Answer(200, "{}");
        });
        scenario.webhook(acme, receiver.url("/burst/a"), List.of(selector("account", "*", "*", "*")));
        scenario.webhook(acme, receiver.url("/burst/b"), List.of(selector("account", "*", "*", "*")));
        Jdbi sql = database.jdbi();
        countWrites(sql);

        List<String> ids = scenario.postAll(acme, IntStream.range(0, EVENTS)
                .mapToObj(i -> event("system.test.random_wisdom", "info", "wisdom")).toList());

        // the receiver holds the first requests: every slot is taken, by the deliveries of two events,
        // and the rest of the burst waits as events
        await().atMost(Duration.ofSeconds(10)).until(() -> requests() == IN_FLIGHT);
        // for five relay cycles, none of which may turn more events into deliveries
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> count(sql, "SELECT COUNT(*) FROM deliveries") == IN_FLIGHT);
        int waiting = EVENTS - IN_FLIGHT / 2;
        assertThat(count(sql, "SELECT COUNT(*) FROM events WHERE relayed_at IS NULL")).isEqualTo(waiting);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.of(herald);
            assertThat(scrape.value("herald_events_unrelayed")).isEqualTo(waiting);
            assertThat(scrape.value("herald_delivery_oldest_pending_age_seconds")).isPositive();
        });

        open.countDown();
        scenario.awaitSettled(ids);
        assertThat(receiver.requestsTo("/burst/a")).hasSize(EVENTS);
        assertThat(receiver.requestsTo("/burst/b")).hasSize(EVENTS);
        assertThat(count(sql, "SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'")).isEqualTo(DELIVERIES);
        assertThat(count(sql, "SELECT COUNT(*) FROM delivery_writes WHERE operation = 'INSERT'"))
                .as("deliveries inserted").isEqualTo(DELIVERIES);
        assertThat(count(sql, "SELECT COUNT(*) FROM delivery_writes WHERE operation = 'UPDATE'"))
                .as("deliveries updated: the outcome only, no claim").isEqualTo(DELIVERIES);
    }

    private static int requests() {
        return receiver.requestsTo("/burst/a").size() + receiver.requestsTo("/burst/b").size();
    }

    /** Every row inserted into or updated in the deliveries table, one row each in delivery_writes. */
    private static void countWrites(Jdbi sql) {
        sql.useHandle(handle -> {
            handle.execute("CREATE TABLE delivery_writes (operation VARCHAR(8) NOT NULL)");
            handle.execute("CREATE FUNCTION count_delivery_write() RETURNS trigger AS $$ BEGIN "
                    + "INSERT INTO delivery_writes VALUES (TG_OP); RETURN NULL; END $$ LANGUAGE plpgsql");
            handle.execute("CREATE TRIGGER delivery_writes AFTER INSERT OR UPDATE ON deliveries "
                    + "FOR EACH ROW EXECUTE FUNCTION count_delivery_write()");
        });
    }

    private static long count(Jdbi sql, String query) {
        return sql.withHandle(handle -> handle.createQuery(query).mapTo(Long.class).one());
    }
}
