package dev.rayo.runtime.ownership;

import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.StoredValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The owner's table: lineage kept up to its cap, objects on a dead node found and reset for reconstruction. */
class ObjectTableTest {

    private record FakeTask(List<String> returnIds, String name) implements dev.rayo.runtime.wire.Lineage {
    }

    private static final StoredValue LOST = new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.OBJECT_LOST, "get", "n", "lost"));

    @Test
    void objectsOnADeadNodeAreResetToBeMadeAgainFromTheirLineage() {
        List<StoredValue> freed = new ArrayList<>();
        ObjectTable table = new ObjectTable("akka://t@h:1", freed::add, 10);
        FakeTask task = new FakeTask(List.of("a"), "make");
        RayoObjectRef<Object> ref = table.create("a", task);
        table.complete("a", new StoredValue.InStore("a", "akka://t@dead:2", 1000));
        assertEquals(List.of("a"), table.storedOn("akka://t@dead:2"));
        assertSame(task, table.resetForReconstruction("a", LOST));
        assertFalse(table.lookup("a").isDone(), "waits for the task to run again");
        table.complete("a", new StoredValue.Inline(1, new byte[] {1}));
        assertTrue(table.lookup("a").isDone());
        assertEquals("a", ref.id());
        table.close(LOST);
    }

    @Test
    void lostObjectsAreMadeAgainOnlyWhenSomeoneNeedsThem() {
        List<String> remade = new ArrayList<>();
        ObjectTable table = new ObjectTable("akka://t@h:5", v -> { }, 10);
        table.reconstructWith((id, deadNode) -> remade.add(id + "@" + deadNode));
        RayoObjectRef<Object> idle = table.create("idle", new FakeTask(List.of("idle"), "one"));
        RayoObjectRef<Object> needed = table.create("needed", new FakeTask(List.of("needed"), "two"));
        RayoObjectRef<Object> put = table.create("put");
        table.complete("idle", new StoredValue.InStore("idle", "akka://t@dead:6", 10));
        table.complete("needed", new StoredValue.InStore("needed", "akka://t@dead:6", 10));
        table.complete("put", new StoredValue.InStore("put", "akka://t@dead:6", 10));
        for (String id : table.storedOn("akka://t@dead:6")) {
            table.markLost(id, "akka://t@dead:6", LOST);
        }
        assertEquals(List.of(), remade, "nothing runs again until someone needs it");
        assertFalse(table.lookup("idle").isDone());
        assertSame(LOST, table.lookup("put").join(), "a put has no lineage: lost at once");

        var value = table.demand("needed");
        table.demand("needed");
        assertEquals(List.of("needed@akka://t@dead:6"), remade, "made again once, on the first demand");
        assertFalse(value.isDone());
        table.complete("needed", new StoredValue.Inline(1, new byte[] {1}));
        assertTrue(value.isDone(), "the reader's future is the one the new run completes");
        assertEquals(List.of("idle", "needed", "put"), List.of(idle.id(), needed.id(), put.id()));
        table.close(LOST);
    }

    @Test
    void anObjectWhoseCopyIsInThisHostsStoreIsAdoptedNotRemade() {
        List<String> remade = new ArrayList<>();
        ObjectTable table = new ObjectTable("akka://t@h:7", v -> { }, 10);
        table.reconstructWith((id, deadNode) -> remade.add(id));
        RayoObjectRef<Object> ref = table.create("copied", new FakeTask(List.of("copied"), "make"));
        table.complete("copied", new StoredValue.InStore("copied", "akka://t@dead:8", 10));
        table.adopt("copied", "akka://t@other:9");
        assertEquals(new StoredValue.InStore("copied", "akka://t@dead:8", 10), table.lookup("copied").join(),
                "only the node named as holder is replaced");
        table.adopt("copied", "akka://t@dead:8");
        assertEquals(new StoredValue.InStore("copied", "akka://t@h:7", 10), table.demand("copied").join());
        assertEquals(List.of(), remade, "nothing runs again");
        assertEquals("copied", ref.id());
        table.close(LOST);
    }

    @Test
    void pastTheCapObjectsKeepNoLineageAndTheirLossSaysSo() {
        ObjectTable table = new ObjectTable("akka://t@h:3", v -> { }, 1);
        RayoObjectRef<Object> kept = table.create("kept", new FakeTask(List.of("kept"), "one"));
        RayoObjectRef<Object> released = table.create("released", new FakeTask(List.of("released"), "two"));
        assertTrue(table.hasLineage("kept"));
        assertFalse(table.hasLineage("released"));
        table.complete("released", new StoredValue.InStore("released", "akka://t@dead:4", 10));
        assertNull(table.resetForReconstruction("released", LOST));
        assertInstanceOf(StoredValue.Failed.class, table.lookup("released").join());
        assertEquals("kept", kept.id());
        assertEquals("released", released.id());
        table.close(LOST);
    }
}
