package dev.rayo.runtime.transfer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An {@link SSLEngine} over one {@link StreamChannel}'s socket (heap network buffers: the JDK 17 engine encrypts and
 * decrypts them faster than direct ones, measured): the handshake, then records wrapped from the
 * caller's buffers and unwrapped into them (straight into the target when it has room for a whole record, so a
 * pulled object is decrypted into its mapping without a heap copy). Every wait is the channel's timed wait, so
 * a TLS transfer gives up after the idle timeout like a plain one. Runs only on the transfer's own threads.
 */
final class TlsLink {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Records wrapped before the socket is written to: fewer, larger writes. */
    private static final int RECORDS_PER_WRITE = 16;

    private final SSLEngine engine;
    private final StreamChannel channel;
    /** Bytes from the socket not unwrapped yet (write mode). */
    private ByteBuffer netIn;
    /** Records wrapped, not written yet (write mode). */
    private final ByteBuffer netOut;
    /** Plain bytes unwrapped, not handed to a caller yet (write mode). */
    private ByteBuffer appIn;

    TlsLink(SSLEngine engine, StreamChannel channel) {
        this.engine = engine;
        this.channel = channel;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet * 2);
        this.netOut = ByteBuffer.allocate(packet * RECORDS_PER_WRITE);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Completes the handshake: both sides' certificates are checked before any data passes. */
    void handshake() throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NOT_HANDSHAKING, FINISHED -> {
                    return;
                }
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult r = engine.wrap(EMPTY, netOut);
                    flush();
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the TLS handshake was closed");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapInto(appIn, "the TLS handshake");
                default -> throw new SSLException("unexpected TLS handshake status " + engine.getHandshakeStatus());
            }
        }
    }

    /** Reads plain bytes until {@code buffer} is full. */
    void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (appIn.position() > 0) {
                appIn.flip();
                int n = Math.min(appIn.remaining(), buffer.remaining());
                ByteBuffer slice = appIn.slice().limit(n);
                buffer.put(slice);
                appIn.position(appIn.position() + n);
                appIn.compact();
                continue;
            }
            ByteBuffer target = buffer.remaining() >= engine.getSession().getApplicationBufferSize() ? buffer : appIn;
            if (unwrapInto(target, "reading") == SSLEngineResult.Status.CLOSED) {
                throw new EOFException("the peer closed the TLS connection with " + buffer.remaining() + " bytes unread");
            }
        }
    }

    /** Writes every remaining byte of {@code buffers}, in order, as TLS records. */
    void writeFully(ByteBuffer... buffers) throws IOException {
        while (StreamChannel.remaining(buffers) > 0) {
            netOut.clear();
            int packet = engine.getSession().getPacketBufferSize();
            while (StreamChannel.remaining(buffers) > 0 && netOut.remaining() >= packet) {
                SSLEngineResult r = engine.wrap(buffers, netOut);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("the TLS connection was closed while writing");
                }
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    break;
                }
                if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runTasks();
                }
            }
            flush();
        }
    }

    /** Waits for the peer to close: its close_notify, or the end of the socket. */
    void awaitEndOfStream() throws IOException {
        ByteBuffer none = ByteBuffer.allocate(appIn.capacity());
        while (true) {
            SSLEngineResult.Status status;
            try {
                status = unwrapInto(none, "waiting for the end of the stream");
            } catch (EOFException end) {
                return;
            }
            if (status == SSLEngineResult.Status.CLOSED) {
                return;
            }
            if (none.position() > 0) {
                throw new IOException("the peer sent more bytes than the object holds");
            }
        }
    }

    /** Sends close_notify if the socket takes it right away; never waits (the connection is closing anyway). */
    void closeOutbound() {
        try {
            engine.closeOutbound();
            netOut.clear();
            engine.wrap(EMPTY, netOut);
            netOut.flip();
            channel.rawWriteNow(netOut);
        } catch (IOException | RuntimeException ignore) {
            // Closing is all that is wanted.
        }
    }

    /**
     * Unwraps one record from the socket into {@code target}, reading more from the socket when no whole
     * record is buffered.
     */
    private SSLEngineResult.Status unwrapInto(ByteBuffer target, String doing) throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, target);
            } finally {
                netIn.compact();
            }
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            switch (r.getStatus()) {
                case OK, CLOSED -> {
                    return r.getStatus();
                }
                case BUFFER_OVERFLOW -> {
                    if (target != appIn) {
                        // The record is larger than the caller's room: through appIn, then copied.
                        return SSLEngineResult.Status.OK;
                    }
                    appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                }
                case BUFFER_UNDERFLOW -> {
                    if (!netIn.hasRemaining()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    if (!channel.rawReadSome(netIn)) {
                        throw new EOFException("the peer closed the connection while " + doing);
                    }
                }
                default -> throw new SSLException("unexpected TLS status " + r.getStatus() + " while " + doing);
            }
        }
    }

    /** Writes every wrapped record. */
    private void flush() throws IOException {
        netOut.flip();
        channel.rawWriteFully(netOut);
        netOut.clear();
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** {@code buffer} (write mode) in a larger one with room for {@code more} bytes. */
    private static ByteBuffer grow(ByteBuffer buffer, int more) {
        ByteBuffer larger = ByteBuffer.allocate(buffer.position() + more);
        buffer.flip();
        larger.put(buffer);
        return larger;
    }
}
