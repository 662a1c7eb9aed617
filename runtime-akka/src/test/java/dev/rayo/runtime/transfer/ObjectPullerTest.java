package dev.rayo.runtime.transfer;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.store.ObjectStores;
import dev.rayo.store.ReadableObject;
import dev.rayo.store.SharedObjectStore;
import dev.rayo.store.StoreConfig;
import dev.rayo.store.WritableObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pull between two stores (standing for two hosts) through the source's {@link TransferEndpoint}, in one actor
 * system: streamed over the source's {@link TransferServer} when both sides stream, in Akka chunks otherwise.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ObjectPullerTest {
    private static final int TAG = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ActorTestKit kit = ActorTestKit.create("object-puller", ConfigFactory.parseString("akka.actor.provider = local"));
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        kit.shutdownTestKit();
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private SharedObjectStore openStore(String name) {
        SharedObjectStore store = TestStores.open(dir, name);
        opened.add(store);
        return store;
    }

    /** The source host: its store, holding one object, behind an endpoint (and a transfer server when streaming). */
    private StoredValue.InStore source(byte[] bytes, boolean serveStream) {
        SharedObjectStore store = openStore("source");
        String id = TestStores.put(store, bytes, TAG);
        TransferServer server = null;
        if (serveStream) {
            server = TransferServer.start(store, "127.0.0.1", 0, TIMEOUT);
            opened.add(server);
        }
        Behavior<TransferEndpoint.Command> endpoint = TransferEndpoint.create(store, deleted -> { }, node -> null,
                server == null ? null : server.address());
        kit.system().systemActorOf(endpoint, TransferEndpoint.NAME, Props.empty());
        return new StoredValue.InStore(id, kit.system().address().toString(), bytes.length);
    }

    private static void assertHolds(SharedObjectStore store, String id, byte[] bytes) {
        try (ReadableObject copy = store.get(id).orElseThrow()) {
            assertEquals(TAG, copy.typeTag());
            assertEquals(ByteBuffer.wrap(bytes), copy.buffer(), "byte-identical");
        }
    }

    @Test
    void streamsFromASourceThatServesAStream() {
        byte[] bytes = TestStores.randomBytes(6 << 20);
        StoredValue.InStore object = source(bytes, true);
        SharedObjectStore here = openStore("here");
        ObjectPuller puller = new ObjectPuller(kit.system(), here, 192 << 10, 8, TIMEOUT, true);
        puller.pull(object);
        assertHolds(here, object.objectId(), bytes);
        assertEquals(new ObjectPuller.Counts(1, 0), puller.counts());
        here.delete(object.objectId());
        puller.pull(object);
        assertHolds(here, object.objectId(), bytes);
        assertEquals(new ObjectPuller.Counts(2, 0), puller.counts(), "again from the server now known");
    }

    @Test
    void pullsChunksInAkkaModeAndFromASourceServingNoStream() {
        byte[] bytes = TestStores.randomBytes(3 << 20);
        StoredValue.InStore object = source(bytes, false);
        SharedObjectStore here = openStore("here");
        ObjectPuller streaming = new ObjectPuller(kit.system(), here, 192 << 10, 8, TIMEOUT, true);
        streaming.pull(object);
        assertHolds(here, object.objectId(), bytes);
        assertEquals(new ObjectPuller.Counts(0, 1), streaming.counts(), "the source serves no stream: chunks");
        here.delete(object.objectId());
        ObjectPuller chunking = new ObjectPuller(kit.system(), here, 192 << 10, 8, TIMEOUT);
        chunking.pull(object);
        assertHolds(here, object.objectId(), bytes);
        assertEquals(new ObjectPuller.Counts(0, 1), chunking.counts());
    }

    @Test
    void anObjectTheSourceDoesNotHoldIsLost() {
        StoredValue.InStore held = source(TestStores.randomBytes(1 << 20), true);
        StoredValue.InStore missing = new StoredValue.InStore(Ids.next(), held.nodeAddress(), 1 << 20);
        SharedObjectStore here = openStore("here");
        ObjectPuller puller = new ObjectPuller(kit.system(), here, 192 << 10, 8, TIMEOUT, true);
        ObjectLostException lost = assertThrows(ObjectLostException.class, () -> puller.pull(missing));
        assertTrue(lost.getMessage().contains("is not in this node's store"), lost.getMessage());
        // Once the source's server is known, the stream goes first: its answer says the same.
        puller.pull(held);
        ObjectLostException again = assertThrows(ObjectLostException.class, () -> puller.pull(missing));
        assertTrue(again.getMessage().contains("is not in this node's store"), again.getMessage());
        assertFalse(here.contains(missing.objectId()));
        assertEquals(1 << 20, here.usedBytes(), "only the object the source holds");
    }

    @Test
    void concurrentPullsOfOneObjectShareOneTransfer() {
        byte[] bytes = TestStores.randomBytes(16 << 20);
        StoredValue.InStore object = source(bytes, true);
        SharedObjectStore here = openStore("here");
        ObjectPuller puller = new ObjectPuller(kit.system(), here, 192 << 10, 8, TIMEOUT, true);
        List<CompletableFuture<Void>> pulls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pulls.add(CompletableFuture.runAsync(() -> puller.pull(object)));
        }
        pulls.forEach(CompletableFuture::join);
        assertHolds(here, object.objectId(), bytes);
        assertEquals(new ObjectPuller.Counts(1, 0), puller.counts());
    }
}
