package dev.herald.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The benchmark's output: an aligned table, and one JSON line, prefixed {@value #PREFIX}, with the same figures. */
final class PipelineReport {

    static final String PREFIX = "HERALD-BENCH ";
    private static final String FORMAT = "%-8s %7s %8s %8s %6s %9s %9s %7s %7s %7s %7s %7s %7s %7s %6s %6s %6s %5s%n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineReport() {
    }

    static String table(List<PipelineResult> results, PipelineOptions options) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Herald pipeline, %s; cycle %s s; latency at %,d events/s; Herald -Xmx%s%n",
                machine(), options.cycle(), options.latencyRate(), options.childHeap()));
        table.append(String.format(Locale.ROOT, FORMAT, "database", "configs", "events", "notifs", "n/evt",
                "events/s", "notifs/s", "p50 ms", "p95 ms", "p99 ms", "heap MB", "afterGC", "live MB", "RSS MB", "gc s", "cpu s", "all s", "load"));
        results.forEach(result -> table.append(row(result)).append('\n'));
        return table.toString();
    }

    static String row(PipelineResult r) {
        PipelineResult.Latency l = r.latency();
        String row = String.format(Locale.ROOT, FORMAT, r.database(), r.configurations(), r.events(),
                text(r.notifications()), r.notificationsPerEvent(), text(r.eventsPerSecond()),
                text(r.notificationsPerSecond()), l == null ? "-" : l.p50(), l == null ? "-" : l.p95(),
                l == null ? "-" : l.p99(), text(r.peakHeapMb()), text(r.afterGcHeapMb()), text(r.liveHeapMb()),
                text(r.peakRssMb()), r.gcSeconds() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.gcSeconds()),
                r.heraldCpuSeconds() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.heraldCpuSeconds()),
                r.machineCpuSeconds() == null ? "-" : String.format(Locale.ROOT, "%.0f", r.machineCpuSeconds()),
                r.loadAverage() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.loadAverage())).stripTrailing();
        return r.error() == null ? row : row + "   FAILED: " + r.error();
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
