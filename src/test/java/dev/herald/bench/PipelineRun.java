package dev.herald.bench;

import dev.herald.support.TestDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One run of the pipeline benchmark: Herald in its own JVM on one database with one number of
 * configurations, a loopback receiver here; a flood of events (throughput), then a steady feed
 * (latency), then Herald's peak heap and RSS.
 */
final class PipelineRun {

    private static final int FLOOD_BATCH = 1_000;
    private static final Duration STALL = Duration.ofMinutes(2);

    private final PipelineOptions options;
    private final String database;
    private final PipelineWorkload workload;
    private final Path folder;

    // the figures, as far as the run got
    private Long notifications;
    private Double insertSeconds;
    private Double seconds;
    private PipelineResult.Latency latency;
    private ChildHerald.Heap heap;
    private Long peakRss;
    private Double cpuSeconds;
    private Double machineCpuSeconds;
    private Double benchmarkCpuSeconds;
    private Double loadAverage;
    private Long databaseFileMb;

    PipelineRun(PipelineOptions options, String database, int configurations, Path folder) {
        this.options = options;
        this.database = database;
        this.workload = PipelineWorkload.of(configurations);
        this.folder = folder;
    }

    PipelineResult run() {
        String error = null;
        try {
            Files.createDirectories(folder);
            measure();
        } catch (Exception | OutOfMemoryError e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        } finally {
            deleteH2Files();
        }
        return new PipelineResult(database, workload.configurations(), workload.accounts(), workload.selectors(),
                options.events(), PipelineWorkload.FAN_OUT, notifications, insertSeconds, seconds,
                seconds == null ? null : Math.round(options.events() / seconds),
                seconds == null ? null : Math.round(notifications / seconds), latency,
                heap == null ? null : heap.peakBytes() >> 20, heap == null ? null : heap.afterGcBytes() >> 20,
                heap == null ? null : heap.maxBytes() >> 20, heap == null ? null : heap.liveBytes() >> 20,
                peakRss == null ? null : peakRss >> 20, heap == null ? null : rounded(heap.gcMillis() / 1000.0),
                cpuSeconds, machineCpuSeconds, benchmarkCpuSeconds, loadAverage, databaseFileMb,
                error);
    }

    private static double rounded(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private void measure() throws Exception {
        TestDatabase db = database.equals("h2")
                // AUTO_SERVER: Herald's JVM opens the file first and serves this JVM's connection over loopback TCP
                ? new TestDatabase("jdbc:h2:file:" + folder.resolve("herald").toAbsolutePath()
                        + ";AUTO_SERVER=TRUE", "sa", "")
                : TestDatabase.postgres();
        try (CountingReceiver receiver = new CountingReceiver();
                ChildHerald herald = ChildHerald.start(settings(db), jvmOptions(),
                        folder.resolve("herald-" + database + "-" + workload.configurations() + ".log"));
                Handle handle = db.jdbi().open()) {
            Jdbi sql = db.jdbi();
            workload.store(sql, receiver);
            flood(handle, receiver, herald);
            checkDelivered(handle, receiver);
            steadyFeed(handle, receiver, herald);
            heap = herald.heap();
            peakRss = herald.peakResidentBytes();
        }
    }

    /**
     * H2 never compacts its file while Herald runs: a run of 100,000 events leaves several GB,
     * measured here and then deleted (Herald's log stays).
     */
    private void deleteH2Files() {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("herald.")).toList()) {
                if (file.getFileName().toString().endsWith(".mv.db")) {
                    databaseFileMb = Files.size(file) >> 20;
                }
                Files.delete(file);
            }
        } catch (IOException e) {
            // a benchmark's leftovers in the temporary folder, not worth failing the run for
        }
    }

    private Map<String, String> settings(TestDatabase db) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("herald.datasource.url", db.url());
        settings.put("herald.datasource.username", db.username());
        settings.put("herald.datasource.password", db.password());
        settings.put("herald.cycle-timers.notifications", options.cycle());
        // the default (HeraldInstance, made for tests, sets 0.1): new deliveries go out right after each relay anyway
        settings.put("herald.dispatch.interval", "1");
        return settings;
    }

    private List<String> jvmOptions() {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.childHeap(), "-XX:+ExitOnOutOfMemoryError",
                "-Dh2.bindAddress=127.0.0.1"));
        options.jfr().ifPresent(dir -> jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                + dir.resolve("herald-" + database + "-" + workload.configurations() + ".jfr")));
        return jvm;
    }

    /** Throughput: every event inserted in batches as fast as the database takes them, timed to the last request. */
    private void flood(Handle handle, CountingReceiver receiver, ChildHerald herald) {
        long expected = (long) options.events() * PipelineWorkload.FAN_OUT;
        double cpuBefore = herald.cpuSeconds();
        double machineBefore = MachineCpu.seconds();
        double benchmarkBefore = MachineCpu.thisProcessSeconds();
        long started = System.nanoTime();
        for (int first = 0; first < options.events(); first += FLOOD_BATCH) {
            int count = Math.min(FLOOD_BATCH, options.events() - first);
            long from = first;
            handle.useTransaction(h -> workload.insertEvents(h, from, count, 0));
        }
        insertSeconds = (System.nanoTime() - started) / 1e9;
        receiver.awaitReceived(expected, STALL, herald::alive);
        seconds = (receiver.lastReceivedNanos() - started) / 1e9;
        notifications = expected;
        cpuSeconds = rounded(herald.cpuSeconds() - cpuBefore);
        machineCpuSeconds = machineBefore < 0 ? null : rounded(MachineCpu.seconds() - machineBefore);
        benchmarkCpuSeconds = rounded(MachineCpu.thisProcessSeconds() - benchmarkBefore);
        loadAverage = rounded(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * Every delivery recorded as delivered (dispatch records a batch's outcomes once the whole
     * batch is sent, so the last ones follow the last request by a little), and no request received twice.
     */
    private void checkDelivered(Handle handle, CountingReceiver receiver) {
        long deadline = System.nanoTime() + STALL.toNanos();
        long delivered;
        do {
            LockSupport.parkNanos(50_000_000);
            delivered = handle.createQuery("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'")
                    .mapTo(Long.class).one();
        } while (delivered < notifications && System.nanoTime() < deadline);
        if (delivered != notifications || receiver.received() != notifications) {
            throw new IllegalStateException("expected " + notifications + " deliveries, " + delivered
                    + " are recorded delivered and the receiver got " + receiver.received());
        }
    }

    /** Latency: a steady feed of events, each stamped at insert, timed to each request. */
    private void steadyFeed(Handle handle, CountingReceiver receiver, ChildHerald herald) throws InterruptedException {
        receiver.clearLatencies();
        long before = receiver.received();
        SteadyEventFeed.Fed fed = new SteadyEventFeed(workload, handle).feed(options.events(), options.latencyRate(),
                options.latencySeconds(), PipelineOptions.LATENCY_WARM_UP_SECONDS);
        receiver.awaitReceived(before + fed.events() * PipelineWorkload.FAN_OUT, STALL, herald::alive);
        latency = PipelineResult.Latency.of(options.latencyRate(), fed, options.latencySeconds(),
                receiver.sortedLatencies());
    }
}
