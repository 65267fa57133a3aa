package dev.herald.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * camel-http (Apache HttpClient 5 classic) against camel-vertx-http (Vert.x web client) with many
 * requests in flight to a loopback receiver that answers each after a delay, as a slow webhook does
 * (a main, not a test). Each client sends {@code 3 × in-flight} POSTs through a route
 * ({@code direct → to}), never more than in-flight at once (a semaphore, as Herald's dispatch slots).
 * camel-http's producer blocks its caller until the answer, so it is driven from a pool with a
 * thread per slot (Herald's dispatch pool today); the Vert.x producer is asynchronous, so it is
 * driven from 4 threads that hand each request over and return. Connection pools are as large as
 * in-flight for both, so neither is held back by its pool. Printed: the seconds the requests took
 * (ideal: 3 × delay), requests per second, and the most live threads of this JVM beyond those
 * before the client's Camel context started (ThreadMXBean's peak, warm-up included: Camel's,
 * the client's and the callers' threads).
 * <p>
 * Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.herald.bench.InFlightClientBenchmark [-Dexec.args="200,1000 2000"]}
 * (in-flight values, answer delay in ms)
 */
public final class InFlightClientBenchmark {

    private static final int ROUNDS = 3;
    private static final int ASYNC_CALLERS = 4;
    private static final String BODY = "{\"id\":\"in-flight\",\"details\":\"" + "x".repeat(900) + "\"}";

    private InFlightClientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] inFlights = (args.length > 0 ? args[0] : "200,1000").split(",");
        long delayMillis = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        Vertx receiverVertx = Vertx.vertx();
        HttpServer receiver = receiverVertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> receiverVertx.setTimer(delayMillis,
                        id -> request.response().setStatusCode(200).end("ok"))))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        String target = "127.0.0.1:" + receiver.actualPort() + "/slow";
        try {
            for (String value : inFlights) {
                int inFlight = Integer.parseInt(value.strip());
                run("camel-http", "http://" + target + "?throwExceptionOnFailure=false&maxTotalConnections="
                        + inFlight + "&connectionsPerRoute=" + inFlight, inFlight, inFlight, delayMillis);
                run("camel-vertx-http", "vertx-http:http://" + target + "?throwExceptionOnFailure=false"
                        + "&webClientOptions=#vertxOptions", inFlight, ASYNC_CALLERS, delayMillis);
            }
        } finally {
            receiverVertx.close();
        }
        System.exit(0);
    }

    private static void run(String client, String uri, int inFlight, int callers, long delayMillis) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = threads.getThreadCount();
        threads.resetPeakThreadCount();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("vertxOptions", new io.vertx.ext.web.client.WebClientOptions()
                    .setMaxPoolSize(inFlight).setFollowRedirects(false));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:send").to(uri);
                }
            });
            camel.start();
            AsyncProducer producer = camel.getEndpoint("direct:send").createAsyncProducer();
            producer.start();
            send(camel, producer, inFlight, callers, inFlight); // warms up connections and classes
            long started = System.nanoTime();
            int failed = send(camel, producer, inFlight * ROUNDS, callers, inFlight);
            double seconds = (System.nanoTime() - started) / 1e9;
            int extra = threads.getPeakThreadCount() - before;
            System.out.printf(Locale.ROOT, "%-16s in-flight %,5d: %,d requests in %.2f s (ideal %.1f s), %,.0f requests/s, "
                            + "%d failed, at most %,d threads beyond the %d before%n", client, inFlight, inFlight * ROUNDS,
                    seconds, ROUNDS * delayMillis / 1000.0, inFlight * ROUNDS / seconds, failed, extra, before);
            System.out.printf(Locale.ROOT, "HERALD-IN-FLIGHT {\"client\":\"%s\",\"in_flight\":%d,\"requests\":%d,"
                            + "\"seconds\":%.2f,\"requests_per_second\":%.0f,\"failed\":%d,\"extra_threads\":%d}%n",
                    client, inFlight, inFlight * ROUNDS, seconds, inFlight * ROUNDS / seconds, failed, extra);
            producer.stop();
        }
    }

    /** Sends {@code requests} POSTs from {@code callers} threads, at most {@code inFlight} at once; the failures. */
    private static int send(CamelContext camel, AsyncProducer producer, int requests, int callers, int inFlight)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        CountDownLatch done = new CountDownLatch(requests);
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        AtomicInteger left = new AtomicInteger(requests);
        for (int c = 0; c < callers; c++) {
            pool.execute(() -> {
                while (left.getAndDecrement() > 0) {
                    slots.acquireUninterruptibly();
                    Exchange exchange = producer.getEndpoint().createExchange();
                    exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
                    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                    exchange.getMessage().setBody(BODY);
                    producer.process(exchange, doneSync -> {
                        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
                        if (exchange.getException() != null || status == null || status != 200) {
                            failed.incrementAndGet();
                        }
                        slots.release();
                        done.countDown();
                    });
                }
            });
        }
        done.await(10, TimeUnit.MINUTES);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return failed.get();
    }
}
