package dev.rayo.runtime.transfer;

import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.store.ObjectStore;
import dev.rayo.store.WritableObject;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Copies one object from another host's {@link TransferServer} into this host's store: the socket is read
 * straight into the new object's mapping, so the bytes cross the kernel once on each side and never the heap.
 * Whatever goes wrong (unknown id, the source closing or dying, no progress for {@code idleTimeout}) ends in an
 * {@link ObjectLostException}, and the half-written object is aborted: nothing is left in this store.
 */
final class StreamPull {
    private final ObjectStore store;
    private final Duration idleTimeout;
    private final StreamTls tls;

    /** A puller connecting over plain TCP. */
    StreamPull(ObjectStore store, Duration idleTimeout) {
        this(store, idleTimeout, null);
    }

    /** A puller connecting over TLS when {@code tls} is set, else over plain TCP. */
    StreamPull(ObjectStore store, Duration idleTimeout, StreamTls tls) {
        this.store = store;
        this.idleTimeout = idleTimeout;
        this.tls = tls;
    }

    /**
     * Pulls {@code objectId} from the server at {@code source}; {@code from} names the source in errors.
     *
     * @throws ObjectLostException when the server does not hold the object or the transfer fails
     */
    void pull(InetSocketAddress source, String objectId, String from) {
        try (StreamChannel channel = StreamChannel.connect(source, idleTimeout, tls)) {
            channel.writeFully(StreamProtocol.request(objectId));
            ByteBuffer head = ByteBuffer.allocate(StreamProtocol.RESPONSE_HEAD);
            channel.readFully(head);
            head.flip();
            byte status = head.get();
            long size = head.getLong();
            int typeTag = head.getInt();
            if (status != StreamProtocol.OK) {
                throw lost(objectId, from, StreamProtocol.readMessage(channel, size), null);
            }
            try (WritableObject target = store.create(objectId, size, typeTag)) {
                channel.readFully(target.buffer());
                channel.awaitEndOfStream();
                target.seal();
            }
        } catch (SocketTimeoutException e) {
            throw lost(objectId, from, e.getMessage(), e);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new ObjectLostException("interrupted while pulling object " + objectId, e);
        } catch (IOException e) {
            throw lost(objectId, from, e.toString(), e);
        }
    }

    private static ObjectLostException lost(String objectId, String from, String why, Throwable cause) {
        return new ObjectLostException("object " + objectId + " can't be pulled from node " + from + ": " + why, cause);
    }
}
