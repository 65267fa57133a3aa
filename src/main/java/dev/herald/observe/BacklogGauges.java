package dev.herald.observe;

import dev.herald.delivery.table.Backlog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three gauges read from the database: pending deliveries due now (the queue depth), events not
 * relayed yet, and the age of the oldest notification waiting (either). The query runs at most once per {@link #REFRESH_INTERVAL},
 * whatever the number of scrapers, on a thread of its own; a scrape waits for it at most
 * {@code scrapeWait} and otherwise shows the last values read, so a database that does not answer
 * never holds up /observe/metrics (health says what is wrong). Before the first read the gauges
 * show NaN.
 */
public final class BacklogGauges {

    static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);
    static final Duration SCRAPE_WAIT = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(BacklogGauges.class);

    private record Reading(Backlog backlog, Instant at) {
    }

    private final Function<Instant, Backlog> query;
    private final Clock clock;
    private final ExecutorService reader;
    private final Duration scrapeWait;
    private volatile Reading latest;
    private Future<Reading> refreshing;

    public BacklogGauges(Function<Instant, Backlog> query, Clock clock, ExecutorService reader) {
        this(query, clock, reader, SCRAPE_WAIT);
    }

    BacklogGauges(Function<Instant, Backlog> query, Clock clock, ExecutorService reader, Duration scrapeWait) {
        this.query = query;
        this.clock = clock;
        this.reader = reader;
        this.scrapeWait = scrapeWait;
    }

    public void bindTo(MeterRegistry registry) {
        Gauge.builder("herald.delivery.queue.depth", this, BacklogGauges::due)
                .description("Pending deliveries due now (read at most every " + REFRESH_INTERVAL.toSeconds() + " s)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("herald.events.unrelayed", this, BacklogGauges::unrelayed)
                .description("Events stored and not relayed into deliveries yet (a burst waits there for free slots)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("herald.delivery.oldest.pending.age", this, BacklogGauges::oldestPendingAgeSeconds)
                .description("Seconds since the oldest notification waiting was stored (a pending delivery, or an"
                        + " event not relayed yet); 0 when none waits")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    double due() {
        Reading reading = read();
        return reading == null ? Double.NaN : reading.backlog().due();
    }

    double unrelayed() {
        Reading reading = read();
        return reading == null ? Double.NaN : reading.backlog().unrelayed();
    }

    double oldestPendingAgeSeconds() {
        Reading reading = read();
        return reading == null ? Double.NaN : reading.backlog().oldestPendingAgeSeconds(clock.instant());
    }

    private synchronized Reading read() {
        Instant now = clock.instant();
        boolean stale = latest == null || !latest.at().plus(REFRESH_INTERVAL).isAfter(now);
        if (stale && refreshing == null) {
            refreshing = reader.submit(() -> new Reading(query.apply(clock.instant()), clock.instant()));
        }
        if (refreshing != null) {
            try {
                latest = refreshing.get(scrapeWait.toMillis(), TimeUnit.MILLISECONDS);
                refreshing = null;
            } catch (TimeoutException e) {
                // still reading: show the last values, and look again at the next scrape
            } catch (ExecutionException e) {
                refreshing = null;
                LOG.debug("Could not read the delivery backlog: {}", e.getCause().getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return latest;
    }
}
