package dev.herald.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The API ingestion benchmark (a main, not a test): for each database, events posted to
 * {@code POST /v2/events} in lists by several clients, alone and while the pipeline delivers
 * ({@link IngestionRun}); see {@link IngestionOptions} for the arguments. Prints a table and one
 * JSON line prefixed {@value #PREFIX}.
 * <p>
 * Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.herald.bench.IngestionBenchmark [-Dexec.args="--databases=h2 --events=10000"]}
 */
public final class IngestionBenchmark {

    static final String PREFIX = "HERALD-INGEST ";
    private static final String FORMAT = "%-8s %-10s %7s %7s %5s %7s %8s %9s %7s %7s %7s %9s %8s %8s %5s%n";

    private IngestionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        IngestionOptions options = IngestionOptions.parse(args);
        Path folder = Files.createTempDirectory("herald-ingestion");
        System.out.printf("Herald API ingestion benchmark; Herald's logs in %s%n", folder);
        List<IngestionResult> results = new ArrayList<>();
        for (String database : options.databases()) {
            System.out.printf("%s ...%n", database);
            for (IngestionResult result : new IngestionRun(options, database, folder.resolve(database)).run()) {
                System.out.print(row(result));
                results.add(result);
            }
        }
        System.out.printf("%nPOST /v2/events, lists of %d events, %d clients at once, %,d events a phase%n",
                options.batch(), options.clients(), options.events());
        System.out.printf(Locale.ROOT, FORMAT, "database", "phase", "configs", "events", "batch", "requests", "seconds",
                "events/s", "p50 ms", "p99 ms", "max ms", "notifs/s", "cpu ms/e", "db ms/e", "load");
        results.forEach(result -> System.out.print(row(result)));
        ObjectMapper json = new ObjectMapper();
        ObjectNode line = json.createObjectNode();
        line.put("benchmark", "herald-ingestion");
        line.put("date", LocalDate.now().toString());
        line.set("runs", json.valueToTree(results));
        System.out.println(PREFIX + json.writeValueAsString(line));
        System.exit(results.stream().allMatch(result -> result.error() == null) ? 0 : 1);
    }

    private static String row(IngestionResult r) {
        String row = String.format(Locale.ROOT, FORMAT, r.database(), r.phase(), r.configurations(), r.events(),
                r.batch(), text(r.requests()), text(r.seconds()), text(r.eventsPerSecond()), text(r.requestP50()),
                text(r.requestP99()), text(r.requestMax()), text(r.notificationsPerSecond()),
                text(r.heraldCpuMsPerEvent()), text(r.databaseCpuMsPerEvent()), text(r.loadAverage()));
        return r.error() == null ? row : row.stripTrailing() + "   FAILED: " + r.error() + "\n";
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }
}
