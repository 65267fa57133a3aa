package dev.herald.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The benchmark's webhook receiver: a JDK HTTP server on loopback that answers 200 (or the status
 * it is made with) at once and
 * keeps only counts, the time of the last request, and, for requests whose body carries
 * {@value #SENT_KEY} (the producer's {@link System#nanoTime()} at insert), the latency up to
 * receipt. Unlike the tests' LoopbackReceiver it stores no request, so 200,000 of them cost nothing.
 */
final class CountingReceiver implements AutoCloseable {

    static final String SENT_KEY = "bench_inserted_nanos";
    private static final String SIGNATURE = "webhook-signature";
    private static final byte[] KEY = ("\"" + SENT_KEY + "\":").getBytes(StandardCharsets.US_ASCII);

    static {
        // answer headers and body go out in separate writes; without TCP_NODELAY each answer waits
        // for the client's delayed ACK (~40 ms), and the receiver, not Herald, sets the pace
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final int status;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong signed = new AtomicLong();
    private volatile long lastReceivedNanos;
    private final Object latencyLock = new Object();
    private long[] latencies = new long[0];
    private int latencyCount;

    CountingReceiver() throws IOException {
        this(200);
    }

    /** A receiver answering every request with this status. */
    CountingReceiver(int status) throws IOException {
        this.status = status;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The URL of a path on this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        long now = System.nanoTime();
        long sent = insertedNanos(body);
        if (sent != 0) {
            synchronized (latencyLock) {
                if (latencyCount == latencies.length) {
                    latencies = Arrays.copyOf(latencies, Math.max(1024, latencies.length * 2));
                }
                latencies[latencyCount++] = now - sent;
            }
        }
        if (exchange.getRequestHeaders().containsKey(SIGNATURE)) {
            signed.incrementAndGet();
        }
        lastReceivedNanos = now;
        received.incrementAndGet();
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The number after {@value #SENT_KEY} in the JSON body, 0 when it has none. */
    static long insertedNanos(byte[] body) {
        int at = indexOf(body, KEY);
        if (at < 0) {
            return 0;
        }
        int i = at + KEY.length;
        while (i < body.length && body[i] == ' ') {
            i++;
        }
        boolean negative = i < body.length && body[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        for (; i < body.length && body[i] >= '0' && body[i] <= '9'; i++) {
            value = value * 10 + (body[i] - '0');
        }
        return negative ? -value : value;
    }

    private static int indexOf(byte[] body, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= body.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (body[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    long received() {
        return received.get();
    }

    /** Requests that carried a Standard Webhooks signature (the header only: checking it is the tests' work). */
    long signed() {
        return signed.get();
    }

    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** Forgets the latencies recorded so far (the counts go on). */
    void clearLatencies() {
        synchronized (latencyLock) {
            latencyCount = 0;
        }
    }

    /** The latencies recorded since the last {@link #clearLatencies}, in nanoseconds, sorted. */
    long[] sortedLatencies() {
        long[] copy;
        synchronized (latencyLock) {
            copy = Arrays.copyOf(latencies, latencyCount);
        }
        Arrays.sort(copy);
        return copy;
    }

    /**
     * Waits until {@code count} requests have arrived in all; fails when none arrived for
     * {@code stall} (Herald stopped making progress) or the child died, as {@code alive} says.
     */
    void awaitReceived(long count, Duration stall, BooleanSupplier alive) {
        long seen = received();
        long progressAt = System.nanoTime();
        while (received() < count) {
            LockSupport.parkNanos(5_000_000);
            long now = received();
            if (now != seen) {
                seen = now;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > stall.toNanos()) {
                throw new IllegalStateException("no request for " + stall.toSeconds() + " s; received " + now
                        + " of " + count);
            }
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("Herald's JVM exited; received " + now + " of " + count);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
