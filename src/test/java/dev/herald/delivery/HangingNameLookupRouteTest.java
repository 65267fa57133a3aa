package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.CapturedLog;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.Scenario;
import dev.herald.support.ScriptedLookup;
import dev.herald.support.TestDatabase;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook whose receiver's name never resolves (its DNS server does not answer) beside a healthy
 * receiver, both selected by the same events: the healthy one gets every delivery within 2 s while
 * the lookups hang, because a lookup waits on a send thread, not on one of the 8 dispatch threads
 * (which the hanging configuration's 8 slots used to hold, all of them). When the resolver gives
 * up, the attempts end as retryable failures naming the host, logged at WARN without a stack
 * trace. Real Main and YAML, real loopback receivers; the names are resolved by {@link ScriptedLookup}.
 */
class HangingNameLookupRouteTest {

    /** As many as the dispatch threads (HeraldBeans): one configuration could hold them all. */
    private static final int PER_CONFIGURATION = 8;
    private static final int EVENTS = 30;
    private static final String HANGS = "hangs.example.test";
    private static final String POINTED = "pointed.example.test";

    @TempDir
    static Path folder;

    static ScriptedLookup lookup;
    static HeraldInstance herald;
    static Scenario scenario;
    static LoopbackReceiver healthy;

    @BeforeAll
    static void start() {
        healthy = new LoopbackReceiver();
        lookup = new ScriptedLookup().hang(HANGS).point(POINTED, InetAddress.getLoopbackAddress());
        herald = HeraldInstance.start(TestDatabase.h2(folder), Map.of(
                "herald.dispatch.per-configuration", Integer.toString(PER_CONFIGURATION),
                "herald.delivery.backoff-base", "0.05",
                "herald.delivery.backoff-cap", "0.2"), lookup);
        scenario = new Scenario(herald);
    }

    @AfterAll
    static void stop() {
        // the lookups first: Herald stops at once instead of waiting for attempts that cannot end
        lookup.close();
        herald.close();
        healthy.close();
    }

    @Test
    void aHealthyReceiverGetsEveryDeliveryWithinTwoSecondsWhileAnotherReceiversNameDoesNotResolve() {
        try (CapturedLog log = new CapturedLog()) {
            ApiClient acme = scenario.newAccount();
            String path = "/healthy-" + System.nanoTime();
            scenario.webhook(acme, healthy.url(path), List.of(selector("account", "*", "*", "*")));
            // one delivery first, so the clock below does not count Herald's first HTTP call starting up
            scenario.awaitSettled(scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom")));
            String hangingUuid = scenario.webhook(acme,
                    Map.of("url", healthy.url("/unresolved").replace("127.0.0.1", HANGS), "timeout_seconds", 2),
                    List.of(selector("account", "*", "*", "*")));

            Instant posted = Instant.now();
            scenario.postAll(acme, IntStream.range(0, EVENTS)
                    .mapToObj(i -> event("system.test.random_wisdom", "info", "wisdom")).toList());

            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(healthy.requestsTo(path).size()).as("deliveries to the healthy receiver")
                            .isEqualTo(EVENTS + 1));
            assertThat(Duration.between(posted, Instant.now())).isLessThan(Duration.ofSeconds(2));
            // meanwhile the hanging configuration's slots are all taken, each by a lookup waiting
            await().atMost(Duration.ofSeconds(2)).until(() -> lookup.waitingNow() == PER_CONFIGURATION);

            // the resolver gives up (as one does after resolv.conf's timeouts): the attempts end, to be retried
            lookup.giveUp();
            Map<String, Object> attempt = scenario.awaitRetriedAttempt(hangingUuid);
            assertThat((String) attempt.get("error"))
                    .isEqualTo("UnknownHostException: " + HANGS + ": Temporary failure in name resolution");
            assertThat(attempt.get("status_code")).isNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> log.text().contains("configuration " + hangingUuid));
            assertThat(log.text()).contains("WARN dev.herald.delivery.dispatch.FailureLog")
                    .doesNotContain("ERROR ").doesNotContain("\tat ");
            assertThat(healthy.requestsTo("/unresolved")).isEmpty();
        }
    }

    /** The address connected to is the one the lookup gave: no DNS knows this name, yet the request arrives. */
    @Test
    void aReceiverIsConnectedToAtTheAddressItsNameWasResolvedTo() {
        ApiClient acme = scenario.newAccount();
        String url = healthy.url("/pointed").replace("127.0.0.1", POINTED);
        scenario.webhook(acme, url, List.of(selector("account", "*", "*", "*")));

        scenario.awaitSettled(scenario.post(acme, event("system.test.random_wisdom", "info", "wisdom")));

        assertThat(healthy.requestsTo("/pointed")).singleElement()
                .satisfies(request -> assertThat(request.header("Host")).isEqualTo(url.split("/")[2]));
    }
}
