package dev.herald.bench;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ExchangeBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
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
 * <p>
 * With {@code vertx} as third argument the same requests go out through Vert.x's web client (the
 * client under camel-vertx-http), at most {@code threads} in flight, no Camel. With {@code camel}
 * they go through Camel: each is an
 * exchange sent asynchronously to a route that posts it with camel-vertx-http (as Herald's deliver
 * routes do, the URI resolved per exchange by {@code toD}), at most {@code threads} in flight. The
 * differences between the three figures are what Vert.x's client, and then Camel's routing around
 * it, add to each request before Herald does anything of its own.
 * <p>
 * Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.herald.bench.ReceiverFloorBenchmark [-Dexec.args="200000 16 [apache|vertx|camel]"]}
 * (requests, threads or requests in flight, client)
 */
public final class ReceiverFloorBenchmark {

    /** The flat event JSON of the pipeline benchmark's events is about this long. */
    private static final int BODY_BYTES = 900;

    private ReceiverFloorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        String client = args.length > 2 ? args[2] : "apache";
        byte[] body = ("{\"id\":\"floor\",\"details\":\"" + "x".repeat(BODY_BYTES) + "\"}").getBytes();
        try (CountingReceiver receiver = new CountingReceiver();
                Sender sender = switch (client) {
                    case "apache" -> new ApacheSender(threads);
                    case "vertx" -> new VertxSender(threads);
                    case "camel" -> new CamelSender(threads);
                    default -> throw new IllegalArgumentException("client: apache, vertx or camel, not " + client);
                }) {
            String url = receiver.url("/floor");
            sender.send(url, body, requests / 10);
            double machineBefore = MachineCpu.seconds();
            double processBefore = MachineCpu.thisProcessSeconds();
            long started = System.nanoTime();
            sender.send(url, body, requests);
            double seconds = (System.nanoTime() - started) / 1e9;
            double machine = MachineCpu.seconds() - machineBefore;
            double process = MachineCpu.thisProcessSeconds() - processBefore;
            System.out.printf(Locale.ROOT, "%s: %,d requests, %d at a time, in %.1f s: %,.0f requests/s; CPU %.3f ms a "
                            + "request for client and receiver (this JVM), %.3f ms machine-wide; %d cores%n",
                    client, requests, threads, seconds, requests / seconds, 1000 * process / requests,
                    1000 * machine / requests, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "HERALD-FLOOR {\"client\":\"%s\",\"requests\":%d,\"threads\":%d,\"seconds\":%.2f,"
                            + "\"requests_per_second\":%.0f,\"cpu_ms_per_request\":%.4f,\"machine_cpu_ms_per_request\":%.4f}%n",
                    client, requests, threads, seconds, requests / seconds, 1000 * process / requests,
                    1000 * machine / requests);
        }
        System.exit(0);
    }

    /** Posts the body to the URL so many times, waiting until every request is answered. */
    private interface Sender extends AutoCloseable {

        void send(String url, byte[] body, int requests) throws Exception;
    }

    /** Apache HttpClient 5, pooled keep-alive connections, one blocking request per thread. */
    private static final class ApacheSender implements Sender {

        private final int threads;
        private final CloseableHttpClient client;

        ApacheSender(int threads) {
            this.threads = threads;
            this.client = HttpClients.custom()
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(threads).setMaxConnPerRoute(threads).build())
                    .disableAutomaticRetries().build();
        }

        @Override
        public void send(String url, byte[] body, int requests) throws InterruptedException {
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

        @Override
        public void close() throws java.io.IOException {
            client.close();
        }
    }

    /** Vert.x's web client, pooled keep-alive connections, requests sent without a thread each. */
    private static final class VertxSender implements Sender {

        private final Semaphore inFlight;
        private final Vertx vertx = Vertx.vertx();
        private final WebClient client;

        VertxSender(int inFlight) {
            this.inFlight = new Semaphore(inFlight);
            this.client = WebClient.create(vertx, new WebClientOptions().setMaxPoolSize(inFlight).setKeepAlive(true));
        }

        @Override
        public void send(String url, byte[] body, int requests) throws InterruptedException {
            CountDownLatch answered = new CountDownLatch(requests);
            Buffer buffer = Buffer.buffer(body);
            for (int i = 0; i < requests; i++) {
                inFlight.acquire();
                client.postAbs(url).putHeader("Content-Type", "application/json").sendBuffer(buffer)
                        .onComplete(answer -> {
                            inFlight.release();
                            answered.countDown();
                        });
            }
            answered.await(10, TimeUnit.MINUTES);
        }

        @Override
        public void close() {
            client.close();
            vertx.close();
        }
    }

    /**
     * A Camel context with one route, {@code direct:deliver}, that posts the exchange's body to the
     * URL in its property with camel-vertx-http; exchanges sent asynchronously, a permit each.
     */
    private static final class CamelSender implements Sender {

        private final Semaphore inFlight;
        private final CamelContext camel = new DefaultCamelContext();
        private final ProducerTemplate producer;

        CamelSender(int inFlight) throws Exception {
            this.inFlight = new Semaphore(inFlight);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:deliver")
                            .toD("vertx-http:${exchangeProperty.url}?httpMethod=POST&throwExceptionOnFailure=false");
                }
            });
            camel.start();
            producer = camel.createProducerTemplate();
        }

        @Override
        public void send(String url, byte[] body, int requests) throws InterruptedException {
            CountDownLatch answered = new CountDownLatch(requests);
            for (int i = 0; i < requests; i++) {
                inFlight.acquire();
                Exchange exchange = ExchangeBuilder.anExchange(camel).withBody(body).withProperty("url", url)
                        .withHeader(Exchange.CONTENT_TYPE, "application/json").build();
                producer.asyncSend("direct:deliver", exchange).whenComplete((done, failure) -> {
                    inFlight.release();
                    answered.countDown();
                });
            }
            answered.await(10, TimeUnit.MINUTES);
        }

        @Override
        public void close() throws Exception {
            camel.close();
        }
    }
}
