package dev.herald.bench;

import dev.herald.support.HeraldInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A producer posting events to Herald's {@code POST /v2/events} in lists, from several clients at
 * once (each a thread sending one request at a time through one shared {@link HttpClient},
 * HTTP/1.1 keep-alive), signed in as the admin user (the events are of the workload's accounts).
 * The request bodies are written before the clock starts.
 */
final class EventPoster {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI events;
    private final int clients;
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString(
            ("admin:" + HeraldInstance.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    EventPoster(int port, int clients) {
        this.events = URI.create("http://127.0.0.1:" + port + "/v2/events");
        this.clients = clients;
    }

    /** What was posted: events in all, in how many requests and seconds, each request's time. */
    record Posted(long events, int requests, double seconds, long[] sortedRequestNanos) {
    }

    /** Posts events {@code first} to {@code first + count - 1} in lists of {@code batch}; every answer must be 200. */
    Posted post(PipelineWorkload workload, long first, int count, int batch) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (long from = first; from < first + count; from += batch) {
            StringBuilder body = new StringBuilder("[");
            for (long j = from; j < Math.min(from + batch, first + count); j++) {
                body.append(j == from ? "" : ",").append(workload.eventJson(j));
            }
            bodies.add(body.append(']').toString());
        }
        long[] requestNanos = new long[bodies.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                senders.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        requestNanos[i] = send(bodies.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get();
            }
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(requestNanos);
        return new Posted(count, bodies.size(), seconds, requestNanos);
    }

    private long send(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(events).timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - started;
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("POST /v2/events answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(300, answer.body().length())));
        }
        return took;
    }
}
