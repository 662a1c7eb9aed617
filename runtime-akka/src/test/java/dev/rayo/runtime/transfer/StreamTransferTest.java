package dev.rayo.runtime.transfer;

import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.store.ObjectStores;
import dev.rayo.store.ReadableObject;
import dev.rayo.store.SharedObjectStore;
import dev.rayo.store.StoreConfig;
import dev.rayo.store.WritableObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream path between two hosts' stores (two stores in their own directories stand for the hosts): an object
 * is copied whole through a {@link TransferServer}, and every failure (unknown id, the source closing or going
 * silent mid-transfer) is an {@link ObjectLostException} that leaves nothing in the destination store.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamTransferTest {
    private static final int TAG = 7;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SharedObjectStore source;
    private SharedObjectStore destination;

    @BeforeEach
    void openStores() {
        source = TestStores.open(dir, "source");
        destination = TestStores.open(dir, "destination");
    }

    @AfterEach
    void closeStores() {
        destination.close();
        source.close();
    }

    private String put(byte[] bytes) {
        return TestStores.put(source, bytes, TAG);
    }

    @Test
    void aMultiMegabyteObjectStreamsWholeIntoTheOtherStore() {
        byte[] bytes = TestStores.randomBytes(24 << 20);
        String id = put(bytes);
        try (TransferServer server = TransferServer.start(source, "127.0.0.1", 0, TIMEOUT)) {
            new StreamPull(destination, TIMEOUT).pull(server.address(), id, "source");
        }
        try (ReadableObject copy = destination.get(id).orElseThrow()) {
            assertEquals(TAG, copy.typeTag());
            assertEquals(ByteBuffer.wrap(bytes), copy.buffer(), "byte-identical");
        }
    }

    @Test
    void anIdTheSourceDoesNotHoldIsLostAtOnce() {
        String unknown = Ids.next();
        try (TransferServer server = TransferServer.start(source, "127.0.0.1", 0, TIMEOUT)) {
            ObjectLostException lost = assertThrows(ObjectLostException.class,
                    () -> new StreamPull(destination, TIMEOUT).pull(server.address(), unknown, "source"));
            assertTrue(lost.getMessage().contains("is not in the store"), lost.getMessage());
            ObjectLostException notAnId = assertThrows(ObjectLostException.class,
                    () -> new StreamPull(destination, TIMEOUT).pull(server.address(), "../../etc/passwd", "source"));
            assertTrue(notAnId.getMessage().contains("is not in the store"), notAnId.getMessage());
        }
        assertFalse(destination.contains(unknown));
        assertEquals(0, destination.usedBytes());
    }

    @Test
    void aSourceClosingMidTransferLeavesNothingBehind() throws Exception {
        // A source that announces 8 MiB, sends 1 MiB and closes: as a source process dying mid-transfer.
        String id = Ids.next();
        try (FakeSource fake = new FakeSource(channel -> {
            write(channel, StreamProtocol.ok(8 << 20, TAG));
            write(channel, ByteBuffer.allocate(1 << 20));
        })) {
            ObjectLostException lost = assertThrows(ObjectLostException.class,
                    () -> new StreamPull(destination, TIMEOUT).pull(fake.address(), id, "source"));
            assertTrue(lost.getMessage().contains("can't be pulled"), lost.getMessage());
        }
        assertFalse(destination.contains(id), "the half-written copy was aborted");
        assertEquals(0, destination.usedBytes());
    }

    @Test
    void aSourceGoingSilentMidTransferIsLostAfterTheTimeout() throws Exception {
        // A source whose host vanished: the connection stays open, and no byte comes.
        String id = Ids.next();
        CountDownLatch release = new CountDownLatch(1);
        try (FakeSource fake = new FakeSource(channel -> {
            write(channel, StreamProtocol.ok(8 << 20, TAG));
            write(channel, ByteBuffer.allocate(1 << 20));
            await(release);
        })) {
            long start = System.nanoTime();
            ObjectLostException lost = assertThrows(ObjectLostException.class,
                    () -> new StreamPull(destination, Duration.ofMillis(500)).pull(fake.address(), id, "source"));
            release.countDown();
            assertTrue(lost.getMessage().contains("no progress"), lost.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "gave up after the timeout");
        }
        assertFalse(destination.contains(id), "the half-written copy was aborted");
        assertEquals(0, destination.usedBytes());
    }

    @Test
    void closingTheServerDropsATransferInProgress() throws Exception {
        String id = put(TestStores.randomBytes(48 << 20));
        TransferServer server = TransferServer.start(source, "127.0.0.1", 0, TIMEOUT);
        try (SocketChannel client = SocketChannel.open(server.address())) {
            client.write(StreamProtocol.request(id));
            ByteBuffer head = ByteBuffer.allocate(StreamProtocol.RESPONSE_HEAD);
            while (head.hasRemaining()) {
                client.read(head);
            }
            assertEquals(StreamProtocol.OK, head.get(0));
            server.close();
            ByteBuffer sink = ByteBuffer.allocateDirect(1 << 20);
            long received = 0;
            try {
                for (int read; (read = client.read(sink.clear())) >= 0; ) {
                    received += read;
                }
            } catch (IOException reset) {
                // The server dropped the connection.
            }
            assertTrue(received < 48 << 20, "the stream ended early: " + received + " bytes");
        } finally {
            server.close();
        }
        assertTrue(source.contains(id), "the source keeps its object");
    }

    private static void write(SocketChannel channel, ByteBuffer buffer) {
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A one-connection server that reads a request and answers as {@code answer} says, then closes. */
    private static final class FakeSource implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Thread thread;

        FakeSource(Consumer<SocketChannel> answer) throws IOException {
            server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> {
                try (SocketChannel channel = server.accept()) {
                    ByteBuffer request = ByteBuffer.allocate(StreamProtocol.REQUEST_HEAD + 32);
                    while (request.hasRemaining() && channel.read(request) >= 0) {
                        // Reads the whole request.
                    }
                    answer.accept(channel);
                } catch (IOException | RuntimeException e) {
                    // The test sees what the puller saw.
                }
            }, "fake-source");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) server.getLocalAddress();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(10_000);
        }
    }
}
