package dev.herald.bench;

import dev.herald.bench.SelectorMix.SampleEvent;
import dev.herald.selector.SelectorMatcher;
import java.util.List;
import java.util.Set;
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
 * JMH benchmark of {@link SelectorMatcher}: events matched per second, on one thread (so the
 * figure is per core), against {@link SelectorMix}'s realistic selectors (10,000 by default).
 * One operation is one event matched, its configurations collected. Not a test; run it with
 * {@code mvn -q -Pjmh test-compile exec:exec} (see the README).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Threads(1)
public class SelectorMatcherBenchmark {

    /** Events cycled through: a power of two, so the next one is picked with a mask. */
    private static final int EVENTS = 4096;

    @Param("10000")
    public int selectors;

    private SelectorMatcher matcher;
    private SampleEvent[] events;
    private int next;

    @Setup
    public void compile() {
        SelectorMix mix = new SelectorMix(20_261_121L);
        matcher = SelectorMatcher.compile(mix.selectors(selectors));
        List<SampleEvent> sample = mix.events(EVENTS);
        events = sample.toArray(SampleEvent[]::new);
        long matched = sample.stream()
                .mapToLong(e -> matcher.match(e.account(), e.level(), e.type(), e.resourceType()).size()).sum();
        System.out.printf("%n%,d selectors; each event matches %.1f configurations on average%n", matcher.size(),
                matched / (double) EVENTS);
    }

    @Benchmark
    public Set<String> matchOneEvent() {
        SampleEvent event = events[next++ & (EVENTS - 1)];
        return matcher.match(event.account(), event.level(), event.type(), event.resourceType());
    }
}
