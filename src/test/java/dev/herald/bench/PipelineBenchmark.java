package dev.herald.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline benchmark (a main, not a test): for each database and number of endpoint
 * configurations, Herald runs in its own JVM and a loopback webhook receiver here gets what it
 * sends. See {@link PipelineOptions} for the arguments, {@link PipelineWorkload} for what is
 * stored and sent, {@link PipelineRun} for the phases, {@link PipelineReport} for the output.
 * <p>
 * Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.herald.bench.PipelineBenchmark [-Dexec.args="--databases=h2 --configurations=1000"]}
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PipelineOptions options = PipelineOptions.parse(args);
        Path folder = Files.createTempDirectory("herald-bench");
        System.out.printf("Herald pipeline benchmark; Herald's logs in %s%n", folder);
        List<PipelineResult> results = new ArrayList<>();
        for (int configurations : options.configurations()) {
            for (String database : options.databases()) {
                // with broken receivers: the same run without them first, to compare with
                for (int broken : options.brokenReceivers() == 0 ? List.of(0) : List.of(0, options.brokenReceivers())) {
                    for (boolean signed : options.signing()) {
                        System.out.printf("%s, %,d configurations%s%s ...%n", database, configurations,
                                broken == 0 ? "" : ", " + 2 * broken + " of them on broken receivers",
                                signed ? ", every request signed" : "");
                        PipelineResult result = new PipelineRun(options, database, configurations, broken, signed,
                                folder.resolve(database + "-" + configurations + (broken == 0 ? "" : "-broken")
                                        + (signed ? "-signed" : ""))).run();
                        System.out.println(PipelineReport.row(result));
                        results.add(result);
                    }
                }
            }
        }
        System.out.println();
        System.out.print(PipelineReport.table(results, options));
        System.out.print(PipelineReport.rowsPerNotification(results));
        System.out.print(PipelineReport.brokenReceivers(results));
        System.out.print(PipelineReport.signing(results));
        System.out.println(PipelineReport.jsonLine(results, options));
        System.exit(results.stream().allMatch(result -> result.error() == null) ? 0 : 1);
    }
}
