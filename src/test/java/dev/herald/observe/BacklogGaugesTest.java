package dev.herald.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.herald.delivery.table.Backlog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BacklogGaugesTest {

    private static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger queries = new AtomicInteger();

    @AfterEach
    void stopReader() {
        reader.shutdownNow();
    }

    @Test
    void theDatabaseIsReadAtMostOncePerRefreshInterval() {
        bind(at -> {
            queries.incrementAndGet();
            return new Backlog(7, START.minusSeconds(60), 12);
        });

        assertThat(depth()).isEqualTo(7);
        assertThat(unrelayed()).isEqualTo(12);
        assertThat(age()).isEqualTo(60);
        now.set(START.plus(BacklogGauges.REFRESH_INTERVAL).minusMillis(1));
        assertThat(depth()).isEqualTo(7);
        assertThat(age()).as("the age grows between reads").isCloseTo(64.999, within(1e-6));
        assertThat(queries).hasValue(1);

        now.set(START.plus(BacklogGauges.REFRESH_INTERVAL));
        depth();
        assertThat(queries).hasValue(2);
    }

    @Test
    void nothingPendingIsZeroDeepAndZeroSecondsOld() {
        bind(at -> new Backlog(0, null, 0));

        assertThat(depth()).isZero();
        assertThat(unrelayed()).isZero();
        assertThat(age()).isZero();
    }

    @Test
    void aDatabaseThatDoesNotAnswerLeavesTheLastValuesAndDoesNotHoldTheScrapeUp() throws Exception {
        CountDownLatch databaseBack = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        bind(at -> {
            if (calls.incrementAndGet() == 2) {
                try {
                    databaseBack.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Backlog(calls.get(), null, 0);
        });
        assertThat(depth()).isEqualTo(1);

        now.set(START.plus(BacklogGauges.REFRESH_INTERVAL));
        long start = System.nanoTime();
        assertThat(depth()).as("the last value read").isEqualTo(1);
        assertThat(depth()).as("no second query while the first waits").isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(calls).hasValue(2);

        databaseBack.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> depth() == 2);
    }

    @Test
    void aFailedReadIsRetriedAtTheNextScrape() {
        AtomicInteger calls = new AtomicInteger();
        bind(at -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database gone");
            }
            return new Backlog(3, null, 0);
        });

        assertThat(depth()).as("nothing read yet").isNaN();
        assertThat(depth()).isEqualTo(3);
    }

    private void bind(Function<Instant, Backlog> query) {
        new BacklogGauges(query, clock, reader, Duration.ofMillis(200)).bindTo(registry);
    }

    private double unrelayed() {
        return registry.get("herald.events.unrelayed").gauge().value();
    }

    private double depth() {
        return registry.get("herald.delivery.queue.depth").gauge().value();
    }

    private double age() {
        return registry.get("herald.delivery.oldest.pending.age").gauge().value();
    }
}
