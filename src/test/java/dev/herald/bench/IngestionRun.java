package dev.herald.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The ingestion benchmark on one database: Herald in its own JVM, events posted to
 * {@code POST /v2/events} by an {@link EventPoster} here; after a warm-up that is not measured, first alone (no configuration yet, so the
 * events match nothing), then while the pipeline delivers: the {@link PipelineWorkload}'s
 * configurations stored, a backlog of its events written into the table, and once the loopback
 * receiver has its first request, the same kind of events posted (each making two notifications too).
 */
final class IngestionRun {

    private static final int BACKLOG_BATCH = 1_000;
    private static final Duration FIRST_DELIVERY = Duration.ofMinutes(2);

    private final IngestionOptions options;
    private final String database;
    private final Path folder;
    private final PipelineWorkload workload;

    IngestionRun(IngestionOptions options, String database, Path folder) {
        this.options = options;
        this.database = database;
        this.folder = folder;
        this.workload = PipelineWorkload.of(options.configurations());
    }

    /** The two phases' results; a phase that failed says why, and the ones after it are not run. */
    List<IngestionResult> run() {
        List<IngestionResult> results = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            try (CountingReceiver receiver = new CountingReceiver();
                    HeraldOnDatabase herald = HeraldOnDatabase.start(database, folder, "ingestion-" + database,
                            Map.of("herald.dispatch.interval", "1"), options.childHeap(), options.jfr());
                    Handle handle = herald.database().jdbi().open()) {
                EventPoster poster = new EventPoster(herald.herald().port(), options.clients());
                poster.post(workload, 0, options.warmUp(), options.batch());
                results.add(phase(herald, poster, receiver, "alone", 0, options.warmUp()));
                if (!options.delivering()) {
                    return results;
                }
                workload.store(herald.database().jdbi(), configuration -> receiver.url("/hook/" + configuration), null);
                for (int first = 0; first < options.backlog(); first += BACKLOG_BATCH) {
                    int count = Math.min(BACKLOG_BATCH, options.backlog() - first);
                    long from = options.warmUp() + options.events() + first;
                    handle.useTransaction(h -> workload.insertEvents(h, from, count, 0));
                }
                receiver.awaitReceived(1, FIRST_DELIVERY, herald.herald()::alive);
                results.add(phase(herald, poster, receiver, "delivering", options.configurations(),
                        options.warmUp() + options.events() + options.backlog()));
            }
        } catch (Exception | OutOfMemoryError e) {
            String phase = results.isEmpty() ? "alone" : "delivering";
            results.add(IngestionResult.failed(database, phase, phase.equals("alone") ? 0 : options.configurations(),
                    options, e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            HeraldOnDatabase.deleteH2Files(folder);
        }
        return results;
    }

    private IngestionResult phase(HeraldOnDatabase herald, EventPoster poster, CountingReceiver receiver, String phase,
            int configurations, long firstEvent) throws Exception {
        double heraldBefore = herald.herald().cpuSeconds();
        Double databaseBefore = herald.databaseCpuSeconds();
        long receivedBefore = receiver.received();
        EventPoster.Posted posted = poster.post(workload, firstEvent, options.events(), options.batch());
        long received = receiver.received() - receivedBefore;
        double heraldCpu = herald.herald().cpuSeconds() - heraldBefore;
        Double databaseCpu = databaseBefore == null ? null : herald.databaseCpuSeconds() - databaseBefore;
        long[] nanos = posted.sortedRequestNanos();
        return new IngestionResult(database, phase, configurations, options.events(), options.batch(),
                options.clients(), posted.requests(), Math.round(posted.seconds() * 100) / 100.0,
                Math.round(posted.events() / posted.seconds()), Percentile.millis(nanos, 0.5),
                Percentile.millis(nanos, 0.99), Percentile.millis(nanos, 1.0),
                configurations == 0 ? null : Math.round(received / posted.seconds()),
                perEvent(heraldCpu, posted.events()), databaseCpu == null ? null : perEvent(databaseCpu, posted.events()),
                Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 10) / 10.0, null);
    }

    private static double perEvent(double cpuSeconds, long events) {
        return Math.round(cpuSeconds * 1e6 / events) / 1000.0;
    }
}
