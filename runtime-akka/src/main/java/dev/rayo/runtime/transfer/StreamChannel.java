package dev.rayo.runtime.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import javax.net.ssl.SSLEngine;

/**
 * One TCP connection of a stream transfer, in non-blocking mode behind its own selector, so that every read and
 * write gives up after {@code idleTimeout} without progress: a blocking socket read has no timeout, and a peer
 * whose host vanished (no FIN, no RST) would hang the pulling thread forever. Buffers are handed to the channel
 * as they are: a direct or mapped buffer is read and written by the kernel in place, with no copy on the heap.
 *
 * <p>With TLS ({@link StreamTls}, when Artery runs {@code tls-tcp}) the bytes go through a {@link TlsLink}
 * over the same timed non-blocking loop: the handshake (mutual authentication) happens before the first byte
 * of the request or the object, and the object's bytes go through one encryption copy.
 */
final class StreamChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final long idleTimeoutMillis;
    /** The TLS link when the transfer is encrypted, else null. */
    private TlsLink tls;

    private StreamChannel(SocketChannel channel, Duration idleTimeout) throws IOException {
        this.channel = channel;
        this.idleTimeoutMillis = Math.max(1, idleTimeout.toMillis());
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        Selector opened = Selector.open();
        try {
            this.key = channel.register(opened, 0);
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        this.selector = opened;
    }

    /** Wraps an accepted connection. */
    static StreamChannel accepted(SocketChannel channel, Duration idleTimeout) throws IOException {
        try {
            return new StreamChannel(channel, idleTimeout);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Wraps an accepted connection and, when {@code tls} is set, completes the TLS handshake as its server. */
    static StreamChannel accepted(SocketChannel channel, Duration idleTimeout, StreamTls tls) throws IOException {
        StreamChannel accepted = accepted(channel, idleTimeout);
        if (tls != null) {
            accepted.startTls(tls.server());
        }
        return accepted;
    }

    /** Connects to {@code address} and, when {@code tls} is set, completes the TLS handshake as its client. */
    static StreamChannel connect(InetSocketAddress address, Duration idleTimeout, StreamTls tls) throws IOException {
        StreamChannel connected = connect(address, idleTimeout);
        if (tls != null) {
            connected.startTls(tls.client());
        }
        return connected;
    }

    private void startTls(SSLEngine engine) throws IOException {
        try {
            TlsLink link = new TlsLink(engine, this);
            link.handshake();
            tls = link;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Connects to {@code address}, giving up after {@code idleTimeout}. */
    static StreamChannel connect(InetSocketAddress address, Duration idleTimeout) throws IOException {
        StreamChannel connection = accepted(SocketChannel.open(), idleTimeout);
        try {
            if (!connection.channel.connect(address)) {
                connection.await(SelectionKey.OP_CONNECT, "connecting to " + address);
                while (!connection.channel.finishConnect()) {
                    connection.await(SelectionKey.OP_CONNECT, "connecting to " + address);
                }
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Reads until {@code buffer} is full. */
    void readFully(ByteBuffer buffer) throws IOException {
        if (tls != null) {
            tls.readFully(buffer);
            return;
        }
        rawReadFully(buffer);
    }

    /** Reads until {@code buffer} is full, bypassing TLS. */
    void rawReadFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                throw new EOFException("the peer closed the connection with " + buffer.remaining() + " bytes unread");
            }
            if (read == 0) {
                await(SelectionKey.OP_READ, "reading");
            }
        }
    }

    /** Writes every remaining byte of {@code buffers}, in order. */
    void writeFully(ByteBuffer... buffers) throws IOException {
        if (tls != null) {
            tls.writeFully(buffers);
            return;
        }
        rawWriteFully(buffers);
    }

    /** Writes every remaining byte of {@code buffers} as they are, bypassing TLS. */
    void rawWriteFully(ByteBuffer... buffers) throws IOException {
        while (remaining(buffers) > 0) {
            if (channel.write(buffers) == 0) {
                await(SelectionKey.OP_WRITE, "writing");
            }
        }
    }

    /** Waits for the peer to close its side: the closing side keeps the TIME_WAIT, and it must be the server. */
    void awaitEndOfStream() throws IOException {
        if (tls != null) {
            tls.awaitEndOfStream();
            return;
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            int read = channel.read(one);
            if (read < 0) {
                return;
            }
            if (read > 0) {
                throw new IOException("the peer sent more bytes than the object holds");
            }
            await(SelectionKey.OP_READ, "waiting for the end of the stream");
        }
    }

    /**
     * Reads what the socket has into {@code buffer}, waiting up to the idle timeout for at least one byte.
     *
     * @return false at the end of the stream
     */
    boolean rawReadSome(ByteBuffer buffer) throws IOException {
        while (true) {
            int read = channel.read(buffer);
            if (read < 0) {
                return false;
            }
            if (read > 0) {
                return true;
            }
            await(SelectionKey.OP_READ, "reading");
        }
    }

    /** Writes what the socket takes right now of {@code buffer}, without waiting. */
    void rawWriteNow(ByteBuffer buffer) throws IOException {
        channel.write(buffer);
    }

    @Override
    public void close() {
        if (tls != null) {
            tls.closeOutbound();
        }
        try {
            selector.close();
        } catch (IOException ignore) {
            // Only the channel matters.
        }
        try {
            channel.close();
        } catch (IOException ignore) {
            // Nothing more can go wrong with a closed connection.
        }
    }

    private void await(int operation, String doing) throws IOException {
        long deadline = System.nanoTime() + idleTimeoutMillis * 1_000_000L;
        key.interestOps(operation);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("no progress for " + idleTimeoutMillis + " ms while " + doing);
                }
                int ready = selector.select(Math.max(1, left / 1_000_000L));
                selector.selectedKeys().clear();
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted while " + doing);
                }
                if (!channel.isOpen()) {
                    throw new IOException("the connection was closed while " + doing);
                }
                if (ready > 0) {
                    return;
                }
            }
        } finally {
            if (key.isValid()) {
                key.interestOps(0);
            }
        }
    }

    /** The bytes left in all of {@code buffers}; {@link TlsLink} counts its writes the same way. */
    static long remaining(ByteBuffer[] buffers) {
        long sum = 0;
        for (ByteBuffer buffer : buffers) {
            sum += buffer.remaining();
        }
        return sum;
    }
}
