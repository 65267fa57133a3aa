package dev.herald.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pipeline benchmark run covers, from {@code --name=value} arguments:
 * <pre>
 * --databases=h2,postgres          which databases (h2: file; postgres: embedded)
 * --configurations=10,1000,10000   endpoint configurations, one run per count and database
 * --events=100000                  events of the throughput phase
 * --latency-rate=1000              events per second of the latency phase
 * --latency-seconds=10             how long the latency phase feeds events (its first 2 s are warm-up)
 * --cycle=0.1                      herald.cycle-timers.notifications, in seconds (herald.dispatch.interval stays 1)
 * --child-heap=256m                Herald's -Xmx
 * --jfr=DIR                        record each run with Java Flight Recorder (profile settings) into DIR
 * </pre>
 */
record PipelineOptions(List<String> databases, List<Integer> configurations, int events, int latencyRate,
        int latencySeconds, String cycle, String childHeap, Optional<Path> jfr) {

    static final int LATENCY_WARM_UP_SECONDS = 2;

    private static final Map<String, String> DEFAULTS = Map.of("databases", "h2,postgres",
            "configurations", "10,1000,10000", "events", "100000", "latency-rate", "1000", "latency-seconds", "10",
            "cycle", "0.1", "child-heap", "256m", "jfr", "");

    static PipelineOptions parse(String... args) {
        Map<String, String> given = new HashMap<>(DEFAULTS);
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (pair.length != 2 || !DEFAULTS.containsKey(pair[0])) {
                throw new IllegalArgumentException("expected --name=value with a name of " + DEFAULTS.keySet()
                        + ", not " + arg);
            }
            given.put(pair[0], pair[1]);
        }
        List<String> databases = List.of(given.get("databases").split(","));
        if (!List.of("h2", "postgres").containsAll(databases)) {
            throw new IllegalArgumentException("databases are h2 and postgres, not " + databases);
        }
        int latencySeconds = number(given.get("latency-seconds"));
        if (latencySeconds <= LATENCY_WARM_UP_SECONDS) {
            throw new IllegalArgumentException("--latency-seconds must be more than the warm-up, "
                    + LATENCY_WARM_UP_SECONDS + " s");
        }
        String jfr = given.get("jfr");
        return new PipelineOptions(databases,
                Arrays.stream(given.get("configurations").split(",")).map(PipelineOptions::number).toList(),
                number(given.get("events")), number(given.get("latency-rate")), latencySeconds, given.get("cycle"),
                given.get("child-heap"), jfr.isBlank() ? Optional.empty() : Optional.of(Path.of(jfr).toAbsolutePath()));
    }

    private static int number(String text) {
        return Integer.parseInt(text.replace("_", "").replace(",", ""));
    }
}
