package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.HangingReceiver;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No thread per request in flight: with {@value #IN_FLIGHT} webhook requests hanging at once (ten
 * receivers that never answer, {@value #PER_CONFIGURATION} requests each, the per-configuration
 * limit), the JVM has hardly more threads than before they were sent, and each receiver is sent
 * no more at once than its configuration's limit. Real Main and YAML, real sockets; Herald runs in
 * this JVM, so its threads are counted here.
 */
class InFlightThreadsRouteTest {

    private static final int RECEIVERS = 10;
    private static final int PER_CONFIGURATION = 20;
    private static final int IN_FLIGHT = RECEIVERS * PER_CONFIGURATION;

    @TempDir
    static Path folder;

    static HeraldInstance herald;
    static Scenario scenario;
    static List<HangingReceiver> receivers;

    @BeforeAll
    static void start() {
        receivers = IntStream.range(0, RECEIVERS).mapToObj(i -> new HangingReceiver()).toList();
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of(
                "herald.dispatch.in-flight", Integer.toString(IN_FLIGHT),
                "herald.dispatch.per-configuration", Integer.toString(PER_CONFIGURATION)));
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        // the receivers first: their closed connections end the hanging requests, so Herald stops at
        // once instead of waiting out their 30 s timeout
        receivers.forEach(HangingReceiver::close);
        herald.close();
    }

    @Test
    void requestsHangingAtEveryReceiverHoldTheirSlotsButNoThreadEach() {
        ApiClient acme = scenario.newAccount();
        // one delivery first, so the count below starts with Herald's HTTP client and pools started
        ApiClient warm = scenario.newAccount();
        try (LoopbackReceiver healthy = new LoopbackReceiver()) {
            scenario.webhook(warm, healthy.url("/warm"), List.of(selector("account", "*", "*", "*")));
            scenario.awaitSettled(scenario.post(warm, event("system.test.random_wisdom", "info", "wisdom")));
        }
        for (HangingReceiver receiver : receivers) {
            scenario.webhook(acme, Map.of("url", receiver.url("/hook"), "timeout_seconds", 30),
                    List.of(selector("account", "*", "*", "*")));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();
        threads.resetPeakThreadCount();

        // each event is a delivery to every receiver: twice as many as the slots
        scenario.postAll(acme, IntStream.range(0, 2 * PER_CONFIGURATION)
                .mapToObj(i -> event("system.test.random_wisdom", "info", "wisdom")).toList());

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(receivers.stream().mapToInt(HangingReceiver::openNow).sum()).isEqualTo(IN_FLIGHT));
        int peak = threads.getPeakThreadCount();
        assertThat(peak - before).as("threads beyond the %d before, with %d requests hanging", before, IN_FLIGHT)
                .isLessThan(IN_FLIGHT / 5);
        for (HangingReceiver receiver : receivers) {
            assertThat(receiver.mostOpenAtOnce()).as("the per-configuration limit").isEqualTo(PER_CONFIGURATION);
        }
    }
}
