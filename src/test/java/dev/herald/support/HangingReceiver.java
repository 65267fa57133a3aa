package dev.herald.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP receiver on loopback, on a port chosen by the system, that reads requests and never
 * answers, and counts how many connections a sender holds open to it at once. One selector thread
 * sees every connection: in each round it handles the connections the sender closed before the ones
 * it opened, so a sender that closes one connection and then opens the next is never counted with
 * both open (which one thread per connection, scheduled late, would do).
 */
public final class HangingReceiver implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Selector selector;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean running = true;

    public HangingReceiver() {
        try {
            selector = Selector.open();
            server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread loop = new Thread(this::select, "hanging-receiver");
        loop.setDaemon(true);
        loop.start();
    }

    private void select() {
        ByteBuffer sink = ByteBuffer.allocate(8192);
        while (running) {
            try {
                selector.select();
                List<SelectionKey> accepts = new ArrayList<>();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isAcceptable()) {
                        accepts.add(key);
                    } else if (key.isValid() && key.isReadable()) {
                        readOrClose(key, sink);
                    }
                }
                selector.selectedKeys().clear();
                for (SelectionKey ignored : accepts) {
                    SocketChannel channel;
                    while ((channel = server.accept()) != null) {
                        channel.configureBlocking(false);
                        channel.register(selector, SelectionKey.OP_READ);
                        connections.incrementAndGet();
                        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                if (running) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void readOrClose(SelectionKey key, ByteBuffer sink) throws IOException {
        SocketChannel channel = (SocketChannel) key.channel();
        int read;
        try {
            sink.clear();
            read = channel.read(sink);
        } catch (IOException reset) {
            read = -1;
        }
        if (read < 0) {
            key.cancel();
            channel.close();
            open.decrementAndGet();
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.socket().getLocalPort() + path;
    }

    /** Connections the sender has opened so far. */
    public int connections() {
        return connections.get();
    }

    /** Connections the sender holds open now. */
    public int openNow() {
        return open.get();
    }

    /** The most connections the sender has held open at once. */
    public int mostOpenAtOnce() {
        return mostOpen.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            selector.wakeup();
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
