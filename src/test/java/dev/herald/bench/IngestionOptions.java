package dev.herald.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ingestion benchmark covers, from {@code --name=value} arguments:
 * <pre>
 * --databases=h2,postgres   which databases (h2: file; postgres: embedded)
 * --events=50000            events posted in each phase
 * --warm-up=2000            events posted first and not measured (Herald's JVM compiles its hot code)
 * --batch=500               events per request (a list; Herald takes up to 1,000)
 * --clients=4               requests in flight at once, each from its own thread
 * --phases=alone,delivering which phases are measured (alone only: no configuration stored, no backlog)
 * --configurations=1000     configurations delivering during the second phase
 * --backlog=20000           events written straight into the table before the second phase's posts,
 *                           so the pipeline is delivering when they start
 * --child-heap=256m         Herald's -Xmx
 * --jfr=DIR                 record each database's Herald with Java Flight Recorder (profile settings) into DIR
 * </pre>
 */
record IngestionOptions(List<String> databases, int events, int warmUp, int batch, int clients, boolean delivering,
        int configurations, int backlog, String childHeap, Optional<Path> jfr) {

    private static final Map<String, String> DEFAULTS = Map.of("databases", "h2,postgres", "events", "50000",
            "warm-up", "2000", "batch", "500", "clients", "4", "phases", "alone,delivering", "configurations", "1000", "backlog", "20000", "child-heap", "256m",
            "jfr", "");

    static IngestionOptions parse(String... args) {
        BenchArguments given = BenchArguments.parse(DEFAULTS, args);
        int batch = given.number("batch");
        if (batch < 1 || batch > 1000) {
            throw new IllegalArgumentException("--batch must be 1 to 1000 (Herald's most events a post), not " + batch);
        }
        String phases = given.text("phases");
        if (!List.of("alone", "alone,delivering").contains(phases)) {
            throw new IllegalArgumentException("--phases must be alone or alone,delivering, not " + phases);
        }
        return new IngestionOptions(given.databases(), given.number("events"), given.number("warm-up"), batch, given.number("clients"),
                phases.endsWith("delivering"), given.number("configurations"), given.number("backlog"), given.text("child-heap"), given.folder("jfr"));
    }
}
