package dev.herald.bench;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The floor under the pipeline benchmark (a main, not a test): the pipeline benchmark's loopback
 * receiver driven by nothing but the HTTP client Herald sends with (Apache HttpClient 5, pooled
 * keep-alive connections, as many threads as Herald's dispatch), posting a webhook body of the
 * benchmark's size. No Herald, no database: what the machine gives for the requests alone, and
 * the CPU each costs the client and the receiver together. Herald's notifications per second on
 * the same machine cannot pass it.
 * <p>
 * Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.herald.bench.ReceiverFloorBenchmark [-Dexec.args="200000 16"]} (requests, threads)
 */
public final class ReceiverFloorBenchmark {

    /** The flat event JSON of the pipeline benchmark's events is about this long. */
    private static final int BODY_BYTES = 900;

    private ReceiverFloorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        byte[] body = ("{\"id\":\"floor\",\"details\":\"" + "x".repeat(BODY_BYTES) + "\"}").getBytes();
        try (CountingReceiver receiver = new CountingReceiver();
                CloseableHttpClient client = HttpClients.custom()
                        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                .setMaxConnTotal(threads).setMaxConnPerRoute(threads).build())
                        .disableAutomaticRetries().build()) {
            String url = receiver.url("/floor");
            send(client, url, body, requests / 10, threads);
            double machineBefore = MachineCpu.seconds();
            double processBefore = MachineCpu.thisProcessSeconds();
            long started = System.nanoTime();
            send(client, url, body, requests, threads);
            double seconds = (System.nanoTime() - started) / 1e9;
            double machine = MachineCpu.seconds() - machineBefore;
            double process = MachineCpu.thisProcessSeconds() - processBefore;
            System.out.printf(Locale.ROOT, "%,d requests from %d threads in %.1f s: %,.0f requests/s; CPU %.3f ms a "
                            + "request for client and receiver (this JVM), %.3f ms machine-wide; %d cores%n",
                    requests, threads, seconds, requests / seconds, 1000 * process / requests, 1000 * machine / requests,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "HERALD-FLOOR {\"requests\":%d,\"threads\":%d,\"seconds\":%.2f,"
                            + "\"requests_per_second\":%.0f,\"cpu_ms_per_request\":%.4f,\"machine_cpu_ms_per_request\":%.4f}%n",
                    requests, threads, seconds, requests / seconds, 1000 * process / requests, 1000 * machine / requests);
        }
        System.exit(0);
    }

    private static void send(CloseableHttpClient client, String url, byte[] body, int requests, int threads)
            throws InterruptedException {
        AtomicLong left = new AtomicLong(requests);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                while (left.getAndDecrement() > 0) {
                    HttpPost post = new HttpPost(url);
                    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
                    try {
                        client.execute(post, response -> {
                            EntityUtils.consume(response.getEntity());
                            return response.getCode();
                        });
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
    }
}
