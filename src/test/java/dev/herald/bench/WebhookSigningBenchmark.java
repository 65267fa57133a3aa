package dev.herald.bench;

import dev.herald.delivery.webhook.WebhookSignatures;
import dev.herald.endpoint.settings.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of what signing adds to one webhook request: {@link WebhookSignatures#sign} of a
 * body the size of the pipeline benchmark's (about 1 KB) or a large one (16 KB), on one thread, in
 * nanoseconds. {@code overlap=true} is a configuration inside its rotation overlap, signed with the
 * new and the replaced secret. A figure that other work on the machine barely moves, beside the
 * pipeline benchmark's {@code --signing=both}. Run with {@code mvn -q -Pjmh test-compile exec:exec
 * -Djmh.args="WebhookSigningBenchmark"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class WebhookSigningBenchmark {

    private static final String CONFIGURATION = "bench-config-0";
    private static final String PREVIOUS_SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString(
            "the-replaced-benchmark-secret-32".getBytes(StandardCharsets.US_ASCII));

    @Param({"1024", "16384"})
    public int bodyBytes;

    @Param({"false", "true"})
    public boolean overlap;

    private final WebhookSignatures signatures = new WebhookSignatures(Duration.ofDays(1));
    private final Instant now = Instant.parse("2026-12-03T06:00:00Z");
    private WebhookSettings settings;
    private byte[] body;
    private long delivery;

    @Setup
    public void settings() {
        settings = new WebhookSettings("http://127.0.0.1/hook/0", null, null, null, PipelineWorkload.SIGNING_SECRET,
                null, null, overlap ? PREVIOUS_SECRET : null, overlap ? now.minusSeconds(60) : null);
        body = "x".repeat(bodyBytes).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public String sign() {
        // a new webhook-id each request, as every delivery has its own
        return signatures.sign(CONFIGURATION, settings, "msg_" + delivery++, now.getEpochSecond(), body, now);
    }
}
