package dev.herald.delivery;

import static dev.herald.support.Scenario.event;
import static dev.herald.support.Scenario.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.support.ApiClient;
import dev.herald.support.HeraldInstance;
import dev.herald.support.LoopbackReceiver;
import dev.herald.support.LoopbackReceiver.Answer;
import dev.herald.support.Scenario;
import dev.herald.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.Exchange;
import org.apache.camel.spi.InflightRepository.InflightExchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One exchange runs the dispatch loop for as long as batches come back full, which under a burst
 * is the whole burst: whatever a delivery leaves on that exchange's unit of work is kept until the
 * burst is over. camel-http caches a response body of no or unknown length as a stream, and the
 * splitter hands the cache's cleanup to the loop's exchange unless the route says otherwise: one
 * was kept per delivery sent (the benchmark's heap held 66,932 of them after 67,000 deliveries).
 * Here a burst of 40 deliveries in batches of 5 is held at its 7th batch, and the loop's exchange
 * is looked at then.
 */
class DispatchLoopRetentionRouteTest {

    private static final int EVENTS = 40;
    private static final int BATCH = 5;
    private static final int ANSWERED_BEFORE_HOLD = 30;

    @TempDir
    Path folder;

    @Test
    void theDispatchLoopKeepsNothingOfTheDeliveriesItHasSent() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        try (LoopbackReceiver receiver = new LoopbackReceiver();
                HeraldInstance herald = HeraldInstance.start(TestDatabase.h2(folder),
                        Map.of("herald.dispatch.batch-size", String.valueOf(BATCH)))) {
            receiver.script("POST", "/hook", (request, path) -> {
                if (requests.incrementAndGet() > ANSWERED_BEFORE_HOLD) {
                    awaitQuietly(release);
                }
                // no body: camel-http caches a response of unknown or no length as a stream
                return new Answer(200, null);
            });
            // off by default: exchanges are then counted in flight but cannot be browsed
            herald.context().getInflightRepository().setInflightBrowseEnabled(true);
            Scenario scenario = new Scenario(herald);
            ApiClient admin = herald.api();
            scenario.webhook(admin, receiver.url("/hook"), List.of(selector("account", "*", "*", "*")));
            List<String> ids = scenario.postAll(admin, IntStream.range(0, EVENTS)
                    .mapToObj(i -> event("user.image.analysis.completed", "info", "image_digest")).toList());

            // six batches answered, the seventh held at the receiver: all in one pass of the loop
            await().atMost(Duration.ofSeconds(20)).until(() -> requests.get() >= ANSWERED_BEFORE_HOLD + BATCH);
            List<Exchange> inFlight = herald.context().getInflightRepository().browse("dispatch-deliveries").stream()
                    .map(InflightExchange::getExchange).toList();
            // the deliveries' exchanges are the splitter's copies, correlated to the loop's
            Set<String> splitFrom = inFlight.stream().map(exchange -> exchange.getProperty(Exchange.CORRELATION_ID, String.class))
                    .collect(Collectors.toSet());
            Exchange loop = inFlight.stream().filter(exchange -> splitFrom.contains(exchange.getExchangeId()))
                    .findFirst().orElseThrow();
            AtomicInteger kept = new AtomicInteger();
            // counts the loop's synchronizations; the filter refuses each, so none is handed over
            loop.getUnitOfWork().handoverSynchronization(new DefaultExchange(herald.context()), synchronization -> {
                kept.incrementAndGet();
                return false;
            });
            release.countDown();

            assertThat(kept.get()).as("synchronizations on the loop's exchange after %d deliveries", ANSWERED_BEFORE_HOLD)
                    .isLessThan(BATCH);
            scenario.awaitSettled(ids);
            assertThat(receiver.requestsTo("/hook")).hasSize(EVENTS);
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
