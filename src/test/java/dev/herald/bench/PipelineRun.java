package dev.herald.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;

/**
 * One run of the pipeline benchmark: Herald in its own JVM on one database with one number of
 * configurations, a loopback receiver here (and, in the broken-receivers scenario, the broken
 * ones); a flood of events (throughput), then a steady feed (latency), then Herald's peak heap and RSS.
 */
final class PipelineRun {

    private static final int FLOOD_BATCH = 1_000;
    private static final Duration STALL = Duration.ofMinutes(2);

    private final PipelineOptions options;
    private final String database;
    private final PipelineWorkload workload;
    private final int brokenEach;
    private final boolean signed;
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
    private Double databaseCpuSeconds;
    private Map<String, TableWrites> rowsWritten;
    private Double loadAverage;
    private Long databaseFileMb;
    private Long hangingConnections;
    private Long unavailableRequests;

    /**
     * @param brokenEach configurations on a receiver that never answers, and as many on one answering 503
     * @param signed     whether every configuration has a signing secret (and every request must arrive signed)
     */
    PipelineRun(PipelineOptions options, String database, int configurations, int brokenEach, boolean signed,
            Path folder) {
        this.options = options;
        this.database = database;
        this.workload = PipelineWorkload.of(configurations);
        this.brokenEach = brokenEach;
        this.signed = signed;
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
            databaseFileMb = HeraldOnDatabase.deleteH2Files(folder);
        }
        return new PipelineResult(database, workload.configurations(), brokenEach == 0 ? null : 2 * brokenEach,
                signed, workload.accounts(), workload.selectors(), options.events(), PipelineWorkload.FAN_OUT, notifications,
                insertSeconds, seconds, seconds == null ? null : Math.round(options.events() / seconds),
                seconds == null ? null : Math.round(notifications / seconds), latency,
                heap == null ? null : heap.peakBytes() >> 20, heap == null ? null : heap.afterGcBytes() >> 20,
                heap == null ? null : heap.maxBytes() >> 20, heap == null ? null : heap.liveBytes() >> 20,
                peakRss == null ? null : peakRss >> 20, heap == null ? null : rounded(heap.gcMillis() / 1000.0),
                cpuSeconds, machineCpuSeconds, benchmarkCpuSeconds, databaseCpuSeconds, rowsWritten,
                hangingConnections, unavailableRequests, loadAverage, databaseFileMb, error);
    }

    private static double rounded(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private void measure() throws Exception {
        String name = database + "-" + workload.configurations() + (brokenEach == 0 ? "" : "-broken")
                + (signed ? "-signed" : "");
        try (CountingReceiver receiver = new CountingReceiver();
                HeraldOnDatabase herald = HeraldOnDatabase.start(database, folder, name, settings(), options.childHeap(),
                        options.jfr());
                // closed before Herald stops, so Herald's stop does not wait on requests that never end
                BrokenReceivers broken = BrokenReceivers.of(brokenEach, workload);
                Handle handle = herald.database().jdbi().open()) {
            workload.store(herald.database().jdbi(), configuration -> broken.url(configuration, receiver),
                    signed ? PipelineWorkload.SIGNING_SECRET : null);
            flood(handle, receiver, herald, broken);
            steadyFeed(handle, receiver, herald.herald(), broken);
            hangingConnections = brokenEach == 0 ? null : broken.hangingConnections();
            unavailableRequests = brokenEach == 0 ? null : broken.unavailableRequests();
            heap = herald.herald().heap();
            peakRss = herald.herald().peakResidentBytes();
        }
    }

    private Map<String, String> settings() {
        // herald.dispatch.interval at its default (HeraldInstance, made for tests, sets 0.1): new
        // deliveries go out right after each relay anyway
        return Map.of("herald.cycle-timers.notifications", options.cycle(), "herald.dispatch.interval", "1");
    }

    /**
     * Throughput: every event inserted in batches as fast as the database takes them, timed to the
     * last request the healthy receiver gets; rows written counted until every delivery is recorded.
     */
    private void flood(Handle handle, CountingReceiver receiver, HeraldOnDatabase herald, BrokenReceivers broken) {
        ChildHerald child = herald.herald();
        long expected = broken.healthyNotifications(workload, 0, options.events());
        Map<String, TableWrites> rowsBefore = herald.rowsWritten();
        double cpuBefore = child.cpuSeconds();
        Double databaseBefore = herald.databaseCpuSeconds();
        double machineBefore = MachineCpu.seconds();
        double benchmarkBefore = MachineCpu.thisProcessSeconds();
        long started = System.nanoTime();
        for (int first = 0; first < options.events(); first += FLOOD_BATCH) {
            int count = Math.min(FLOOD_BATCH, options.events() - first);
            long from = first;
            handle.useTransaction(h -> workload.insertEvents(h, from, count, 0));
        }
        insertSeconds = (System.nanoTime() - started) / 1e9;
        receiver.awaitReceived(expected, STALL, child::alive);
        seconds = (receiver.lastReceivedNanos() - started) / 1e9;
        notifications = expected;
        cpuSeconds = rounded(child.cpuSeconds() - cpuBefore);
        databaseCpuSeconds = databaseBefore == null ? null : rounded(herald.databaseCpuSeconds() - databaseBefore);
        machineCpuSeconds = machineBefore < 0 ? null : rounded(MachineCpu.seconds() - machineBefore);
        benchmarkCpuSeconds = rounded(MachineCpu.thisProcessSeconds() - benchmarkBefore);
        loadAverage = rounded(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        checkDelivered(handle, receiver);
        rowsWritten = TableWrites.between(rowsBefore, herald.rowsWritten());
    }

    /**
     * Every healthy delivery recorded as delivered (dispatch records outcomes after the requests,
     * so the last ones follow the last request by a little), and no request received twice.
     * Deliveries to broken receivers are never delivered: they are not waited for.
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
        // a run meant to be signed that sent unsigned requests would measure nothing about signing
        long expectedSigned = signed ? notifications : 0;
        if (receiver.signed() != expectedSigned) {
            throw new IllegalStateException("expected " + expectedSigned + " signed requests, the receiver got "
                    + receiver.signed());
        }
    }

    /** Latency: a steady feed of events, each stamped at insert, timed to each request the healthy receiver gets. */
    private void steadyFeed(Handle handle, CountingReceiver receiver, ChildHerald herald, BrokenReceivers broken)
            throws InterruptedException {
        receiver.clearLatencies();
        long before = receiver.received();
        SteadyEventFeed.Fed fed = new SteadyEventFeed(workload, handle).feed(options.events(), options.latencyRate(),
                options.latencySeconds(), PipelineOptions.LATENCY_WARM_UP_SECONDS);
        receiver.awaitReceived(before + broken.healthyNotifications(workload, options.events(), fed.events()), STALL,
                herald::alive);
        latency = PipelineResult.Latency.of(options.latencyRate(), fed, options.latencySeconds(),
                receiver.sortedLatencies());
    }
}
