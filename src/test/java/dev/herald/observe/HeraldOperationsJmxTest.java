package dev.herald.observe;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.PrometheusScrape;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Herald's JMX operations, through the platform MBean server as jconsole or a JMX exporter sees them. */
class HeraldOperationsJmxTest {

    @TempDir
    static Path folder;

    static LoopbackReceiver receiver;
    static HeraldInstance herald;
    static Scenario scenario;
    static MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

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
    void whilePausedEventsAreRelayedButNotDeliveredAndResumingDeliversThem() throws Exception {
        ObjectName operations = mbean("type=services,name=HeraldOperations");
        ApiClient acme = scenario.newAccount();
        String path = "/paused-" + System.nanoTime();
        scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "*", "*")));
        assertThat(jmx.getAttribute(operations, "DispatchPaused")).isEqualTo(false);

        jmx.invoke(operations, "pauseDispatch", new Object[0], new String[0]);
        assertThat(jmx.getAttribute(operations, "DispatchPaused")).isEqualTo(true);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(event("system.test.random_wisdom", "info", "wisdom"));
        }
        List<String> eventIds = scenario.postAll(acme, events);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(pendingDeliveriesOf(eventIds)).isEqualTo(4));
        // dispatch is woken every 100 ms: a second of silence means it really is paused
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(receiver.requestsTo(path)).isEmpty());
        assertThat(pendingDeliveriesOf(eventIds)).isEqualTo(4);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            PrometheusScrape scrape = PrometheusScrape.of(herald);
            assertThat(scrape.value("herald_delivery_queue_depth")).isEqualTo(4);
            assertThat(scrape.value("herald_delivery_oldest_pending_age_seconds")).isPositive();
        });

        jmx.invoke(operations, "resumeDispatch", new Object[0], new String[0]);
        assertThat(jmx.getAttribute(operations, "DispatchPaused")).isEqualTo(false);
        scenario.awaitSettled(eventIds);
        assertThat(receiver.requestsTo(path)).hasSize(4);
        assertThat(scenario.deliveriesOf(acme, eventIds.get(0))).singleElement()
                .satisfies(delivery -> assertThat(delivery.get("state").asText()).isEqualTo("delivered"));
    }

    @Test
    void replayingDeadDeliveriesSendsThemAgainForOneAccountOrForAll() throws Exception {
        ObjectName operations = mbean("type=services,name=HeraldOperations");
        ApiClient acme = scenario.newAccount();
        ApiClient other = scenario.newAccount();
        String path = "/gone-" + System.nanoTime();
        receiver.answer(path, 404);
        scenario.webhook(acme, receiver.url(path), List.of(selector("account", "*", "*", "*")));
        scenario.webhook(other, receiver.url(path), List.of(selector("account", "*", "*", "*")));
        String acmeEvent = scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom"));
        String otherEvent = scenario.post(other, event("system.test.random_wisdom", "info", "wisdom"));
        scenario.awaitDelivery(acme, acmeEvent, "dead");
        scenario.awaitDelivery(other, otherEvent, "dead");
        receiver.answer(path, 200);

        Object replayed = jmx.invoke(operations, "replayDeadDeliveriesOf", new Object[] {acme.account()},
                new String[] {String.class.getName()});
        assertThat(replayed).isEqualTo(1);
        scenario.awaitDelivery(acme, acmeEvent, "delivered");
        assertThat(scenario.deliveriesOf(other, otherEvent).get(0).get("state").asText()).isEqualTo("dead");

        assertThat((Integer) jmx.invoke(operations, "replayDeadDeliveries", new Object[0], new String[0]))
                .as("every account's, the other one among them").isPositive();
        scenario.awaitDelivery(other, otherEvent, "delivered");
        assertThat(receiver.requestsTo(path)).as("two refused, two delivered on replay").hasSize(4);
    }

    @Test
    void camelsRouteMBeansAreThereForEveryRoute() throws Exception {
        for (String route : List.of("relay-events", "dispatch-deliveries", "deliver-webhook")) {
            ObjectName mbean = mbean("type=routes,name=\"" + route + "\"");
            assertThat(jmx.getAttribute(mbean, "State")).isEqualTo("Started");
        }
    }

    private static ObjectName mbean(String keys) throws Exception {
        return new ObjectName("org.apache.camel:context=" + herald.context().getManagementName() + "," + keys);
    }

    private static int pendingDeliveriesOf(List<String> eventIds) {
        return scenario.sql().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM deliveries d "
                        + "JOIN events e ON e.id = d.event_id WHERE d.state = 'pending' AND e.event_id IN (<ids>)")
                .bindList("ids", eventIds).mapTo(Integer.class).one());
    }
}
