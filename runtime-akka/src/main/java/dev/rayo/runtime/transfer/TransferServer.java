package dev.rayo.runtime.transfer;

import dev.rayo.store.ObjectStore;
import dev.rayo.store.ReadableObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves this host's sealed objects to pullers on other hosts over plain TCP, one object per connection
 * ({@link StreamProtocol}): the object stays pinned while the kernel copies it from its mapping straight into
 * the socket, so its bytes never pass through the heap nor through Akka's serialization and frames. It runs on
 * its own threads (an acceptor, and one thread per open connection), never on an Akka dispatcher.
 *
 * <p>It serves only what is asked by id: an id the store does not hold (or not sealed yet) gets an error
 * answer, never a wait. A puller that stops reading is dropped after {@code idleTimeout} without progress.
 *
 * <p>With TLS ({@code tls} not null: the node's Artery runs {@code tls-tcp}) every connection first completes a
 * TLS handshake that requires the puller's certificate from the cluster's CA, as Artery's does; a puller
 * without one is dropped before it can name an object.
 */
public final class TransferServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransferServer.class);
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final ObjectStore store;
    private final Duration idleTimeout;
    private final StreamTls tls;
    private final ServerSocketChannel server;
    private final InetSocketAddress address;
    private final ExecutorService connections;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private TransferServer(ObjectStore store, ServerSocketChannel server, InetSocketAddress address, Duration idleTimeout,
                           StreamTls tls) {
        this.store = store;
        this.tls = tls;
        this.server = server;
        this.address = address;
        this.idleTimeout = idleTimeout;
        int id = SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(task -> daemon(task, "rayo-transfer-" + id + "-serve-" + threads.incrementAndGet()));
        this.acceptor = daemon(this::acceptLoop, "rayo-transfer-" + id + "-accept");
    }

    /**
     * Starts a server on {@code host}:{@code port} ({@code 0}: any free port).
     *
     * @param idleTimeout how long a connection may make no progress before it is dropped
     * @throws UncheckedIOException when the port can't be bound
     */
    public static TransferServer start(ObjectStore store, String host, int port, Duration idleTimeout) {
        return start(store, host, port, idleTimeout, null);
    }

    /**
     * Starts a server on {@code host}:{@code port} ({@code 0}: any free port), over TLS when {@code tls} is set.
     *
     * @param idleTimeout how long a connection may make no progress before it is dropped
     * @throws UncheckedIOException when the port can't be bound
     */
    public static TransferServer start(ObjectStore store, String host, int port, Duration idleTimeout, StreamTls tls) {
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(host, port), 64);
            InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
            TransferServer started = new TransferServer(store, server, new InetSocketAddress(host, bound.getPort()), idleTimeout, tls);
            started.acceptor.start();
            return started;
        } catch (IOException e) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignore) {
                    // Failing anyway.
                }
            }
            throw new UncheckedIOException("cannot start the object transfer server on " + host + ":" + port, e);
        }
    }

    /** Where pullers connect: the configured host and the bound port. */
    public InetSocketAddress address() {
        return address;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel accepted;
            try {
                accepted = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log.warn("object transfer server on {} failed to accept a connection", address, e);
                }
                continue;
            }
            open.add(accepted);
            if (closed) {
                closeQuietly(accepted);
                return;
            }
            try {
                connections.execute(() -> serve(accepted));
            } catch (RuntimeException rejected) {
                open.remove(accepted);
                closeQuietly(accepted);
            }
        }
    }

    private void serve(SocketChannel accepted) {
        try (StreamChannel channel = StreamChannel.accepted(accepted, idleTimeout, tls)) {
            String objectId = StreamProtocol.readRequest(channel);
            Optional<ReadableObject> found = find(objectId);
            if (found.isEmpty()) {
                channel.writeFully(StreamProtocol.error("object " + objectId + " is not in the store of " + address));
                return;
            }
            try (ReadableObject object = found.get()) {
                ByteBuffer bytes = object.buffer();
                channel.writeFully(StreamProtocol.ok(bytes.remaining(), object.typeTag()), bytes);
            }
        } catch (IOException | RuntimeException e) {
            // The puller is gone or misbehaved, or the store closed under us: the puller sees the connection
            // end early and reports the object lost.
            if (!closed) {
                log.debug("object transfer to {} ended early", remote(accepted), e);
            }
        } finally {
            open.remove(accepted);
        }
    }

    private Optional<ReadableObject> find(String objectId) {
        try {
            return store.get(objectId);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** Stops accepting and drops every connection in progress (their pullers see the objects lost). */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (SocketChannel channel : open) {
            closeQuietly(channel);
        }
        connections.shutdown();
    }

    private static Object remote(SocketChannel channel) {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return "a closed connection";
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignore) {
            // Closing is all that is wanted.
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
