package dev.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP receiver on loopback, on a port chosen by the system, that misbehaves in one way: it
 * trickles (answers 200 a byte at a time), resets (reads the request, then resets the
 * connection) or floods (answers 200 with an endless body, as fast as the connection takes it).
 * One that hangs is a {@link HangingReceiver}.
 */
public final class MisbehavingReceiver implements AutoCloseable {

    /** How it misbehaves. */
    public enum Way { TRICKLE, RESET, FLOOD }

    private static final int TRICKLED_BYTES = 1000;

    private final Way way;
    private final Duration trickle;
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong flooded = new AtomicLong();
    private final AtomicInteger floodsEnded = new AtomicInteger();

    public MisbehavingReceiver(Way way) {
        this(way, Duration.ofMillis(100));
    }

    /** @param trickle for {@link Way#TRICKLE}, the time between two bytes of the answer */
    public MisbehavingReceiver(Way way, Duration trickle) {
        this.way = way;
        this.trickle = trickle;
        try {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "misbehaving-" + way + "-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.add(socket);
                Thread connection = new Thread(() -> serve(socket), "misbehaving-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            readHead(in);
            requests.incrementAndGet();
            switch (way) {
                case TRICKLE -> {
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + TRICKLED_BYTES
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    trickle(socket, out);
                }
                case RESET -> socket.setSoLinger(true, 0);
                case FLOOD -> flood(socket.getOutputStream());
            }
        } catch (IOException | InterruptedException | ExecutionException gone) {
            // the sender closed the connection: what the sender does at its deadline
        }
    }

    /**
     * Writes the answer's body a byte per {@code trickle}, on a scheduler, until it is written or
     * the sender closes the connection (what a sender does at its deadline).
     */
    private void trickle(Socket socket, OutputStream out) throws InterruptedException, ExecutionException {
        AtomicInteger written = new AtomicInteger();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> bytes = pace.scheduleAtFixedRate(() -> {
                try {
                    out.write('.');
                    out.flush();
                } catch (IOException closed) {
                    throw new IllegalStateException(closed);
                }
                if (written.incrementAndGet() == TRICKLED_BYTES) {
                    throw new IllegalStateException("all written");
                }
            }, trickle.toMillis(), trickle.toMillis(), TimeUnit.MILLISECONDS);
            bytes.get();
        } finally {
            pace.shutdownNow();
        }
    }

    /** Writes an answer that says it is a terabyte long, until the sender closes the connection. */
    private void flood(OutputStream out) throws IOException {
        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000000000000\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try {
            while (true) {
                out.write(chunk);
                flooded.addAndGet(chunk.length);
            }
        } finally {
            floodsEnded.incrementAndGet();
        }
    }

    /** Reads up to the blank line that ends the request's head. */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int read;
        while (matched < end.length && (read = in.read()) >= 0) {
            matched = read == end[matched] ? matched + 1 : (read == '\r' ? 1 : 0);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** For {@link Way#FLOOD}: the bytes of answers it has written. */
    public long flooded() {
        return flooded.get();
    }

    /** For {@link Way#FLOOD}: the answers it stopped writing because the sender closed the connection. */
    public int floodsEnded() {
        return floodsEnded.get();
    }

    /** Requests whose head it has read. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
