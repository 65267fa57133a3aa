package dev.herald.bench;

import dev.herald.bench.SelectorMix.SampleEvent;
import dev.herald.selector.SelectorMatch;
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
 * figure is per core), against {@link SelectorMix}'s realistic selectors (10,000 by default), of
 * which {@code withCel} carry a CEL filter (none, and 1,000, by default). One operation is one
 * event matched, its filtered selectors settled with the whole event when it meets any (the CEL
 * input built from the event's JSON, as the relay does), its configurations collected. Not a test;
 * run it with {@code mvn -q -Pjmh test-compile exec:exec} (see the README).
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

    @Param({"0", "1000"})
    public int withCel;

    private SelectorMatcher matcher;
    private SampleEvent[] events;
    private int next;

    @Setup
    public void compile() {
        SelectorMix mix = new SelectorMix(20_261_121L);
        long compileStart = System.nanoTime();
        matcher = SelectorMatcher.compile(mix.selectors(selectors, withCel));
        long compileMillis = (System.nanoTime() - compileStart) / 1_000_000;
        List<SampleEvent> sample = mix.events(EVENTS);
        events = sample.toArray(SampleEvent[]::new);
        long matched = 0;
        long settled = 0;
        for (SampleEvent event : sample) {
            SelectorMatch match = matcher.match(event.account(), event.level(), event.type(), event.resourceType());
            if (match.needsEvent()) {
                settled++;
                match.settle(event.json());
            }
            matched += match.configurations().size();
        }
        System.out.printf("%n%,d selectors (%,d with a CEL filter, compiled in %,d ms); each event matches %.1f "
                + "configurations on average; %.1f%% of events meet a filter to evaluate%n", matcher.size(), withCel,
                compileMillis, matched / (double) EVENTS, 100.0 * settled / EVENTS);
    }

    @Benchmark
    public Set<String> matchOneEvent() {
        SampleEvent event = events[next++ & (EVENTS - 1)];
        SelectorMatch match = matcher.match(event.account(), event.level(), event.type(), event.resourceType());
        if (match.needsEvent()) {
            match.settle(event.json());
        }
        return match.configurations();
    }
}
