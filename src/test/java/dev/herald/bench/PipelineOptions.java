package dev.herald.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.List;
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
 * --broken-receivers=0             N &gt; 0: each run twice, without and then with N configurations on a
 *                                  receiver that never answers and N on one answering 503 ({@link BrokenReceivers})
 * --signing=false                  true: every configuration has a Standard Webhooks signing secret; both:
 *                                  each run twice, unsigned and then signed
 * </pre>
 */
record PipelineOptions(List<String> databases, List<Integer> configurations, int events, int latencyRate,
        int latencySeconds, String cycle, String childHeap, Optional<Path> jfr, int brokenReceivers,
        List<Boolean> signing) {

    static final int LATENCY_WARM_UP_SECONDS = 2;

    private static final Map<String, String> DEFAULTS = Map.of("databases", "h2,postgres",
            "configurations", "10,1000,10000", "events", "100000", "latency-rate", "1000", "latency-seconds", "10",
            "cycle", "0.1", "child-heap", "256m", "jfr", "", "broken-receivers", "0", "signing", "false");

    static PipelineOptions parse(String... args) {
        BenchArguments given = BenchArguments.parse(DEFAULTS, args);
        int latencySeconds = given.number("latency-seconds");
        if (latencySeconds <= LATENCY_WARM_UP_SECONDS) {
            throw new IllegalArgumentException("--latency-seconds must be more than the warm-up, "
                    + LATENCY_WARM_UP_SECONDS + " s");
        }
        return new PipelineOptions(given.databases(), given.numbers("configurations"), given.number("events"),
                given.number("latency-rate"), latencySeconds, given.text("cycle"), given.text("child-heap"),
                given.folder("jfr"), given.number("broken-receivers"), signing(given.text("signing")));
    }

    private static List<Boolean> signing(String text) {
        return switch (text) {
            case "false" -> List.of(false);
            case "true" -> List.of(true);
            case "both" -> List.of(false, true);
            default -> throw new IllegalArgumentException("--signing must be false, true or both, not " + text);
        };
    }
}
