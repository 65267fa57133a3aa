package dev.herald.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;

/**
 * Feeds events at a steady rate, as scanners in normal operation do: every 10 ms one transaction
 * of rate / 100 events, each stamped with the {@link System#nanoTime()} just before its insert
 * (after the warm-up; warm-up events carry no stamp, so no latency is taken of them). A tick that
 * runs late is caught up at once, so the rate holds on average.
 */
final class SteadyEventFeed {

    private static final long TICK_MILLIS = 10;

    private final PipelineWorkload workload;
    private final Handle handle;

    SteadyEventFeed(PipelineWorkload workload, Handle handle) {
        this.workload = workload;
        this.handle = handle;
    }

    /** What was fed: events in all, in how many seconds. */
    record Fed(long events, double seconds) {
    }

    /** Feeds events numbered from {@code first} for {@code seconds}, the first {@code warmUpSeconds} unstamped. */
    Fed feed(long first, int perSecond, int seconds, int warmUpSeconds) throws InterruptedException {
        int perTick = Math.max(1, (int) (perSecond * TICK_MILLIS / 1000));
        long ticks = seconds * 1000L / TICK_MILLIS;
        long warmUpTicks = warmUpSeconds * 1000L / TICK_MILLIS;
        AtomicLong tick = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        try {
            pacer.scheduleAtFixedRate(() -> {
                long n = tick.getAndIncrement();
                if (n >= ticks) {
                    return;
                }
                long stamp = n < warmUpTicks ? 0 : System.nanoTime();
                try {
                    handle.useTransaction(h -> workload.insertEvents(h, first + n * perTick, perTick, stamp));
                } catch (RuntimeException e) {
                    failure.set(e);
                    done.countDown();
                }
                if (n == ticks - 1) {
                    done.countDown();
                }
            }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
            done.await();
        } finally {
            pacer.shutdownNow();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("feeding events failed", failure.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Fed(ticks * perTick, elapsed);
    }
}
