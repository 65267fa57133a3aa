package dev.herald.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP receiver on loopback, on a port chosen by the system: records every request and
 * answers each path with the status set for it (200 unless told otherwise), or, for requests a
 * script was given for ({@link #script}), with the script's answer; late for paths told to hang
 * ({@link #answerAfter}); or with the replies queued for the path ({@link #answerInTurn}) while
 * some are left.
 */
public final class LoopbackReceiver implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body,
            long receivedAtNanos) {

        /** A header by name, ignoring case as HTTP does. */
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        /** The query's parameters, decoded. */
        public Map<String, String> queryParameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (query != null) {
                for (String pair : query.split("&")) {
                    int equals = pair.indexOf('=');
                    parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
            return parameters;
        }

        /** The body as JSON; fails the test when it is not JSON. */
        public JsonNode json() {
            JsonNode json = ApiClient.parse(body);
            if (json == null) {
                throw new AssertionError("not a JSON body: " + body);
            }
            return json;
        }
    }

    /** What a script answers: a status and a JSON body (none when null). */
    public record Answer(int status, String json) {
    }

    /** One queued reply ({@link #answerInTurn}): a status, headers, and how long to hold it back first. */
    public record Reply(int status, Map<String, String> headers, Duration delay) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), Duration.ZERO);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, Map.copyOf(more), delay);
        }

        /** The reply, sent only after {@code wait}: a receiver that hangs. */
        public Reply after(Duration wait) {
            return new Reply(status, headers, wait);
        }
    }

    /** Answers the requests whose method and path it was registered for; the path's groups are in {@code path}. */
    @FunctionalInterface
    public interface Script {
        Answer answer(Request request, Matcher path);
    }

    private record ScriptedPath(String method, Pattern path, Script script) {
    }

    static {
        // answer headers and body go out in separate writes; without TCP_NODELAY each answer waits
        // for the client's delayed ACK (~40 ms), and the receiver, not Herald, sets the pace
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    // not a CopyOnWriteArrayList: benchmarks record 100,000 requests, and each append would copy them all
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final List<ScriptedPath> scripts = new CopyOnWriteArrayList<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, Queue<Reply>> replies = new ConcurrentHashMap<>();
    /** Released on close, so a hanging answer never outlives the receiver. */
    private final CountDownLatch closing = new CountDownLatch(1);

    public LoopbackReceiver() {
        this(null);
    }

    private LoopbackReceiver(SSLContext tls) {
        try {
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (tls == null) {
                server = HttpServer.create(loopback, 0);
            } else {
                HttpsServer https = HttpsServer.create(loopback, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /**
     * A receiver on https with a self-signed certificate for 127.0.0.1 (made by the JDK's keytool
     * in {@code folder}), which no default trust store accepts.
     */
    public static LoopbackReceiver httpsWithSelfSignedCertificate(Path folder) {
        Path keystore = folder.resolve("receiver.p12");
        char[] password = "receiver".toCharArray();
        try {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "receiver", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", new String(password))
                    .redirectErrorStream(true).start();
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, password);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            return new LoopbackReceiver(tls);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.join(",", entry.getValue())));
        String path = exchange.getRequestURI().getPath();
        Request request = new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), headers,
                body, System.nanoTime());
        synchronized (requests) {
            requests.add(request);
        }
        Queue<Reply> queued = replies.get(path);
        Reply reply = queued == null ? null : queued.poll();
        if (reply != null) {
            hold(reply.delay());
            reply.headers().forEach(exchange.getResponseHeaders()::set);
            send(exchange, reply.status(), reply.status() < 300 ? "ok" : "refused by the test receiver", null);
            return;
        }
        Duration delay = delays.get(path);
        if (delay != null) {
            hold(delay);
        }
        Answer scripted = scripted(request);
        if (scripted != null) {
            send(exchange, scripted.status(), scripted.json(), "application/json; charset=utf-8");
            return;
        }
        int status = statuses.getOrDefault(path, 200);
        send(exchange, status, status < 300 ? "ok" : "refused by the test receiver", null);
    }

    private Answer scripted(Request request) {
        for (ScriptedPath scripted : scripts) {
            Matcher path = scripted.path().matcher(request.path());
            if (scripted.method().equals(request.method()) && path.matches()) {
                return scripted.script().answer(request, path);
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] answer = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** The URL of a path on this receiver. */
    public String url(String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answer(String path, int status) {
        statuses.put(path, status);
    }

    /**
     * Answers the next requests to {@code path} with these replies, one each, in turn; later ones as
     * before (the path's status, 200 unless set).
     */
    public void answerInTurn(String path, Reply... inTurn) {
        replies.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(inTurn));
    }

    private void hold(Duration delay) {
        try {
            closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds requests to {@code path} for {@code delay} before answering, like a receiver that hangs. */
    public void answerAfter(String path, Duration delay) {
        delays.put(path, delay);
    }

    /** Answers {@code method} requests to paths matching {@code pathPattern} (a regular expression) with the script. */
    public void script(String method, String pathPattern, Script script) {
        scripts.add(new ScriptedPath(method, Pattern.compile(pathPattern), script));
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requestsTo(String path) {
        return requests().stream().filter(request -> request.path().equals(path)).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
