package dev.herald.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The benchmark's output: an aligned table, and one JSON line, prefixed {@value #PREFIX}, with the same figures. */
final class PipelineReport {

    static final String PREFIX = "HERALD-BENCH ";
    private static final String FORMAT =
            "%-8s %7s %6s %6s %8s %8s %6s %9s %9s %7s %7s %7s %7s %7s %7s %7s %6s %6s %6s %7s %7s %5s%n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineReport() {
    }

    static String table(List<PipelineResult> results, PipelineOptions options) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Herald pipeline, %s; cycle %s s; latency at %,d events/s; Herald -Xmx%s%n",
                machine(), options.cycle(), options.latencyRate(), options.childHeap()));
        table.append(String.format(Locale.ROOT, FORMAT, "database", "configs", "broken", "signed", "events", "notifs", "n/evt",
                "events/s", "notifs/s", "p50 ms", "p95 ms", "p99 ms", "heap MB", "afterGC", "live MB", "RSS MB", "gc s",
                "cpu s", "all s", "cpu ms/n", "db ms/n", "load"));
        results.forEach(result -> table.append(row(result)).append('\n'));
        return table.toString();
    }

    static String row(PipelineResult r) {
        PipelineResult.Latency l = r.latency();
        String row = String.format(Locale.ROOT, FORMAT, r.database(), r.configurations(),
                r.brokenConfigurations() == null ? "-" : r.brokenConfigurations(), r.signed() ? "yes" : "-", r.events(),
                text(r.notifications()), r.notificationsPerEvent(), text(r.eventsPerSecond()),
                text(r.notificationsPerSecond()), l == null ? "-" : l.p50(), l == null ? "-" : l.p95(),
                l == null ? "-" : l.p99(), text(r.peakHeapMb()), text(r.afterGcHeapMb()), text(r.liveHeapMb()),
                text(r.peakRssMb()), r.gcSeconds() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.gcSeconds()),
                r.heraldCpuSeconds() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.heraldCpuSeconds()),
                r.machineCpuSeconds() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.machineCpuSeconds()),
                millis(PipelineResult.millisPerNotification(r.heraldCpuSeconds(), r.notifications())),
                millis(PipelineResult.millisPerNotification(r.databaseCpuSeconds(), r.notifications())),
                r.loadAverage() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.loadAverage())).stripTrailing();
        return r.error() == null ? row : row + "   FAILED: " + r.error();
    }

    /**
     * Rows the database counted written in each run's throughput phase, per notification and table
     * ({@code inserted/updated/deleted}; the event inserts are the benchmark's, one per
     * {@link PipelineWorkload#FAN_OUT} notifications).
     */
    static String rowsPerNotification(List<PipelineResult> results) {
        StringBuilder text = new StringBuilder();
        for (PipelineResult r : results) {
            if (r.rowsWritten() == null || r.notifications() == null) {
                continue;
            }
            text.append(String.format(Locale.ROOT, "%nrows written per notification, %s, %d configurations%s "
                    + "(inserted/updated/deleted):%n", r.database(), r.configurations(),
                    r.brokenConfigurations() == null ? "" : ", " + r.brokenConfigurations() + " broken"));
            double total = 0;
            for (var table : r.rowsWritten().entrySet()) {
                TableWrites w = table.getValue();
                double n = r.notifications();
                text.append(String.format(Locale.ROOT, "  %-24s %6.2f / %6.2f / %6.2f%n", table.getKey(),
                        w.inserted() / n, w.updated() / n, w.deleted() / n));
                total += w.total() / n;
            }
            text.append(String.format(Locale.ROOT, "  %-24s %6.2f%n", "all tables", total));
        }
        return text.toString();
    }

    /**
     * The broken-receivers scenario: each run with broken receivers beside the same run without,
     * the healthy receivers' throughput and p99 latency as a ratio of the run without (the target:
     * throughput at least 0.8, p99 at most 1.2).
     */
    static String brokenReceivers(List<PipelineResult> results) {
        StringBuilder text = new StringBuilder();
        for (PipelineResult broken : results) {
            if (broken.brokenConfigurations() == null) {
                continue;
            }
            results.stream().filter(r -> r.brokenConfigurations() == null && r.database().equals(broken.database())
                    && r.configurations() == broken.configurations()).findFirst().ifPresent(alone -> text.append(
                    String.format(Locale.ROOT, "%nbroken receivers, %s, %d configurations: %d broken (%d connections "
                            + "held by the receiver that never answers, %d requests answered 503)%n"
                            + "  healthy notifications/s %s with, %s without: ratio %s%n"
                            + "  healthy p99 ms          %s with, %s without: ratio %s%n",
                            broken.database(), broken.configurations(), broken.brokenConfigurations(),
                            broken.hangingConnections(), broken.unavailableRequests(),
                            text(broken.notificationsPerSecond()), text(alone.notificationsPerSecond()),
                            ratio(broken.notificationsPerSecond(), alone.notificationsPerSecond()),
                            broken.latency() == null ? "-" : broken.latency().p99(),
                            alone.latency() == null ? "-" : alone.latency().p99(),
                            broken.latency() == null || alone.latency() == null ? "-"
                                    : ratio(broken.latency().p99(), alone.latency().p99()))));
        }
        return text.toString();
    }

    /**
     * Signing's cost: each signed run beside the same run unsigned ({@code --signing=both}), its
     * notifications/s as a ratio of the unsigned run's (the target: at least 0.95) and Herald's CPU
     * per notification in both.
     */
    static String signing(List<PipelineResult> results) {
        StringBuilder text = new StringBuilder();
        for (PipelineResult signed : results) {
            if (!signed.signed()) {
                continue;
            }
            results.stream().filter(r -> !r.signed() && r.database().equals(signed.database())
                    && r.configurations() == signed.configurations()
                    && Objects.equals(r.brokenConfigurations(), signed.brokenConfigurations())).findFirst()
                    .ifPresent(unsigned -> text.append(String.format(Locale.ROOT, "%nsigning, %s, %d configurations:%n"
                            + "  notifications/s  %s signed, %s unsigned: ratio %s%n"
                            + "  Herald cpu ms/n  %s signed, %s unsigned%n",
                            signed.database(), signed.configurations(), text(signed.notificationsPerSecond()),
                            text(unsigned.notificationsPerSecond()),
                            ratio(signed.notificationsPerSecond(), unsigned.notificationsPerSecond()),
                            millis(PipelineResult.millisPerNotification(signed.heraldCpuSeconds(), signed.notifications())),
                            millis(PipelineResult.millisPerNotification(unsigned.heraldCpuSeconds(),
                                    unsigned.notifications())))));
        }
        return text.toString();
    }

    private static String ratio(Long with, Long without) {
        return with == null || without == null || without == 0 ? "-"
                : String.format(Locale.ROOT, "%.2f", with / (double) without);
    }

    private static String millis(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    static String jsonLine(List<PipelineResult> results, PipelineOptions options) throws JsonProcessingException {
        ObjectNode line = JSON.createObjectNode();
        line.put("benchmark", "herald-pipeline");
        line.put("date", LocalDate.now().toString());
        line.put("machine", machine());
        line.put("cycle_seconds", Double.parseDouble(options.cycle()));
        line.put("herald_xmx", options.childHeap());
        line.set("runs", JSON.valueToTree(results));
        return PREFIX + JSON.writeValueAsString(line);
    }

    private static String text(Long value) {
        return value == null ? "-" : String.valueOf(value);
    }

    private static String machine() {
        return String.format(Locale.ROOT, "%d cores, %d GiB, %s %s, Java %s", Runtime.getRuntime().availableProcessors(),
                ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize() >> 30, System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"));
    }
}
