package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping Herald while deliveries are being sent to a slow receiver: they finish and are recorded
 * within camel.main.shutdown-timeout; past it, what is left is released (pending, unclaimed) and the
 * next Herald on the database sends it. Nothing is lost either way.
 */
class GracefulShutdownRouteTest {

    private static final String PATH = "/slow";

    @TempDir
    Path folder;
    private LoopbackReceiver receiver;

    @BeforeEach
    void slowReceiver() {
        receiver = new LoopbackReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void deliveriesInFlightFinishAndAreRecordedBeforeHeraldStops() {
        TestDatabase database = TestDatabase.h2(folder);
        receiver.answerAfter(PATH, Duration.ofSeconds(1));
        List<String> eventIds;
        try (HeraldInstance herald = HeraldInstance.start(database)) {
            eventIds = postEventsFor(herald, 5);
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.requestsTo(PATH).size() == 5);
        }

        assertThat(states(database.jdbi(), eventIds)).containsOnly("delivered").hasSize(5);
        assertThat(unreleasedClaims(database.jdbi())).isZero();
        assertThat(receiver.requestsTo(PATH)).hasSize(5);
    }

    @Test
    void deliveriesStillInFlightAtTheShutdownTimeoutAreReleasedAndTheNextHeraldSendsThem() {
        TestDatabase database = TestDatabase.postgres();
        receiver.answerAfter(PATH, Duration.ofSeconds(4));
        List<String> eventIds;
        Set<String> inFlightAtStop;
        // two at a time, so that four events wait behind the two deliveries being sent
        Map<String, String> impatient = Map.of("camel.main.shutdown-timeout", "1", "herald.dispatch.in-flight", "2");
        try (HeraldInstance herald = HeraldInstance.start(database, impatient)) {
            eventIds = postEventsFor(herald, 6);
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.requestsTo(PATH).size() == 2);
            inFlightAtStop = deliveryIdsReceived();
        }

        Jdbi sql = database.jdbi();
        assertThat(unreleasedClaims(sql)).as("claims left behind").isZero();
        assertThat(states(sql, eventIds)).as("the deliveries made: those in flight at the stop").hasSize(2)
                .isSubsetOf("pending", "delivered").contains("pending");
        int unrelayed = sql.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM events WHERE relayed_at IS NULL")
                .mapTo(Integer.class).one());
        assertThat(unrelayed).as("the rest wait as events, for free slots").isEqualTo(4);
        assertThat(receiver.requestsTo(PATH)).as("nothing was started after the stop").hasSize(2);

        receiver.answerAfter(PATH, Duration.ZERO);
        try (HeraldInstance next = HeraldInstance.start(database)) {
            new Scenario(next).awaitSettled(eventIds);
        }
        assertThat(states(sql, eventIds)).containsOnly("delivered").hasSize(6);
        List<String> received = receiver.requestsTo(PATH).stream().map(request -> request.header("webhook-id")).toList();
        assertThat(new HashSet<>(received)).hasSize(6);
        List<String> repeated = new ArrayList<>(received);
        new HashSet<>(received).forEach(repeated::remove);
        assertThat(inFlightAtStop).as("only deliveries in flight at the stop are sent twice").containsAll(repeated);
    }

    /** A webhook configuration on the receiver's slow path, and events for it posted in one request. */
    private List<String> postEventsFor(HeraldInstance herald, int count) {
        Scenario scenario = new Scenario(herald);
        ApiClient acme = scenario.newAccount();
        scenario.webhook(acme, receiver.url(PATH), List.of(selector("account", "*", "*", "*")));
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event("system.test.random_wisdom", "info", "wisdom"));
        }
        return scenario.postAll(acme, events);
    }

    private Set<String> deliveryIdsReceived() {
        Set<String> ids = new HashSet<>();
        receiver.requestsTo(PATH).forEach(request -> ids.add(request.header("webhook-id")));
        return ids;
    }

    private static List<String> states(Jdbi sql, List<String> eventIds) {
        return sql.withHandle(handle -> handle.createQuery("SELECT d.state FROM deliveries d JOIN events e "
                        + "ON e.id = d.event_id WHERE e.event_id IN (<ids>)")
                .bindList("ids", eventIds).mapTo(String.class).list());
    }

    private static int unreleasedClaims(Jdbi sql) {
        return sql.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM deliveries "
                        + "WHERE claimed_by IS NOT NULL OR claimed_until IS NOT NULL")
                .mapTo(Integer.class).one());
    }
}
