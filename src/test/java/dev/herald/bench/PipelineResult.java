package dev.herald.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The figures of one run (a database and a number of configurations); the field names are the
 * JSON line's. Figures not reached (a run that failed part-way) are null. Heap, RSS and GC time
 * are Herald's over the whole run (see {@link ChildHeraldMain}), {@code liveHeapMb} what a full
 * collection at its end leaves; {@code heraldCpuSeconds} is the CPU time Herald's JVM used during
 * the throughput phase, {@code machineCpuSeconds} what every process on the machine used then
 * (Herald, the database, the receiver and the event inserts here), {@code benchmarkCpuSeconds}
 * what this JVM used then (the receiver and the inserts), {@code loadAverage} the machine's
 * one-minute load average at its end (other processes on the machine show there), {@code h2FileMb}
 * the size of H2's database file at the end of the run. {@code databaseCpuSeconds} is what
 * PostgreSQL's processes used in the throughput phase (null on H2: it runs in Herald's JVM), and
 * {@code rowsWritten} the rows the database counted written to each table in it, from the first
 * insert until every delivery is recorded. With {@code brokenConfigurations} (the broken-receivers
 * scenario), {@code notifications} and the latencies are the healthy configurations' only, and
 * {@code hangingConnections} and {@code unavailableRequests} what the broken receivers got over the run.
 * {@code signed}: every configuration had a signing secret, and every request arrived signed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PipelineResult(
        String database,
        int configurations,
        @JsonProperty("broken_configurations") Integer brokenConfigurations,
        boolean signed,
        int accounts,
        int selectors,
        int events,
        @JsonProperty("notifications_per_event") int notificationsPerEvent,
        Long notifications,
        @JsonProperty("insert_seconds") Double insertSeconds,
        Double seconds,
        @JsonProperty("events_per_second") Long eventsPerSecond,
        @JsonProperty("notifications_per_second") Long notificationsPerSecond,
        Latency latency,
        @JsonProperty("peak_heap_mb") Long peakHeapMb,
        @JsonProperty("after_gc_heap_mb") Long afterGcHeapMb,
        @JsonProperty("max_heap_mb") Long maxHeapMb,
        @JsonProperty("live_heap_mb") Long liveHeapMb,
        @JsonProperty("peak_rss_mb") Long peakRssMb,
        @JsonProperty("gc_seconds") Double gcSeconds,
        @JsonProperty("herald_cpu_seconds") Double heraldCpuSeconds,
        @JsonProperty("machine_cpu_seconds") Double machineCpuSeconds,
        @JsonProperty("benchmark_cpu_seconds") Double benchmarkCpuSeconds,
        @JsonProperty("database_cpu_seconds") Double databaseCpuSeconds,
        @JsonProperty("rows_written") Map<String, TableWrites> rowsWritten,
        @JsonProperty("hanging_connections") Long hangingConnections,
        @JsonProperty("unavailable_requests") Long unavailableRequests,
        @JsonProperty("load_average") Double loadAverage,
        @JsonProperty("h2_file_mb") Long h2FileMb,
        String error) {

    /** CPU milliseconds per notification of the throughput phase; null when either figure is missing. */
    static Double millisPerNotification(Double cpuSeconds, Long notifications) {
        return cpuSeconds == null || notifications == null || notifications == 0 ? null
                : Math.round(cpuSeconds * 1e6 / notifications) / 1000.0;
    }

    /**
     * The latency phase: events fed at {@code rate} a second (measured: {@code fedRate}) for
     * {@code seconds}; percentiles of (request received − event inserted) over {@code samples}
     * notifications of the events after the warm-up.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Latency(
            @JsonProperty("events_per_second") int rate,
            @JsonProperty("fed_events_per_second") long fedRate,
            int seconds,
            @JsonProperty("warm_up_seconds") int warmUpSeconds,
            long samples,
            @JsonProperty("p50_ms") long p50,
            @JsonProperty("p95_ms") long p95,
            @JsonProperty("p99_ms") long p99,
            @JsonProperty("max_ms") long max) {

        static Latency of(int rate, SteadyEventFeed.Fed fed, int seconds, long[] sortedNanos) {
            return new Latency(rate, Math.round(fed.events() / fed.seconds()), seconds,
                    PipelineOptions.LATENCY_WARM_UP_SECONDS, sortedNanos.length, Percentile.millis(sortedNanos, 0.50),
                    Percentile.millis(sortedNanos, 0.95), Percentile.millis(sortedNanos, 0.99),
                    Percentile.millis(sortedNanos, 1.0));
        }
    }
}
