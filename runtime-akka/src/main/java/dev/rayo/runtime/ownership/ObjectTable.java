package dev.rayo.runtime.ownership;

import dev.rayo.runtime.wire.Lineage;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.RayoMessage;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The owner's record of every object it owns: its value or location once known, its lineage, and the refs
 * nested in its value. Its reference count lives in the process's {@link ReferenceCounter}: when no ref,
 * pin or borrower holds the object any more (and it is complete: a pending object waits for its task), the
 * entry is dropped, {@code onRelease} frees its store copy and the refs nested in it are released.
 */
public final class ObjectTable {
    private final String ownerAddress;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Consumer<StoredValue> onRelease;
    private final ReferenceCounter counter;
    private final int maxLineage;
    private final AtomicInteger lineageKept = new AtomicInteger();
    private volatile Reconstructor reconstructor = (id, node) -> { };

    private static final class Entry {
        volatile CompletableFuture<StoredValue> value = new CompletableFuture<>();
        /** Keys serialized into the value, held while this object lives. */
        List<NestedRefs.Held> contained = List.of();
        /** Nothing holds the object any more: it goes as soon as its pending value arrives. */
        boolean releaseWhenDone;
        /** The task that makes this object, kept to re-make it if its only copy is lost; null for puts. */
        volatile Lineage lineage;
        /** The dead node that held the only copy, while the object waits for someone to need it again. */
        String lostOn;
        /** The task or actor call that returns this object; null for {@code put}. */
        String producer;
        /** Whether {@link #producer} is a task (which {@code Rayo.cancel} can cancel), not an actor call. */
        boolean producedByTask;
    }

    /** Re-makes a lost object from its lineage, called the first time someone needs it after the loss. */
    public interface Reconstructor {
        /** Object {@code objectId}, whose only copy went with {@code deadNode}, is needed: make it again. */
        void reconstruct(String objectId, String deadNode);
    }


    /** A table for the owner at {@code ownerAddress}; {@code onRelease} frees what a dropped entry held. */
    public ObjectTable(String ownerAddress, Consumer<StoredValue> onRelease) {
        this(ownerAddress, onRelease, Integer.MAX_VALUE);
    }

    /** Like {@link #ObjectTable(String, Consumer)}, keeping the lineage of at most {@code maxLineage} objects. */
    public ObjectTable(String ownerAddress, Consumer<StoredValue> onRelease, int maxLineage) {
        this.ownerAddress = ownerAddress;
        this.onRelease = onRelease;
        this.maxLineage = maxLineage;
        this.counter = new ReferenceCounter(ownerAddress);
    }

    /** The reference counts of this process, objects and actor handles alike. */
    public ReferenceCounter counter() {
        return counter;
    }

    /**
     * Sets what re-makes lost objects on demand. Lost objects are made again lazily, as Ray does: a node's
     * death may take thousands of objects nobody reads again (their refs are escaped but idle), and
     * re-running all of them would load the cluster just when it lost capacity.
     */
    public void reconstructWith(Reconstructor reconstructor) {
        this.reconstructor = reconstructor;
    }

    /** The owner address refs of this table carry. */
    public String ownerAddress() {
        return ownerAddress;
    }

    /** Registers a new object whose value will come later, and returns the first ref to it. */
    public <T> RayoObjectRef<T> create(String objectId) {
        return create(objectId, null);
    }

    /**
     * Registers an object made by the task {@code lineage}, kept to re-make it when its only copy is lost
     * (unless the cap of kept lineage is reached: then the object can't be re-made, and says so).
     */
    public <T> RayoObjectRef<T> create(String objectId, Lineage lineage) {
        return create(objectId, lineage, lineage instanceof TaskSpec spec ? spec.taskId() : null);
    }

    /**
     * Like {@link #create(String, Lineage)}, naming the task or actor call {@code producerTaskId} that returns
     * the object when there is no lineage to name it (actor calls are not re-run).
     */
    public <T> RayoObjectRef<T> create(String objectId, Lineage lineage, String producerTaskId) {
        Entry e = new Entry();
        e.producer = producerTaskId;
        e.producedByTask = lineage instanceof TaskSpec;
        if (lineage != null && lineageKept.incrementAndGet() <= maxLineage) {
            e.lineage = lineage;
        } else if (lineage != null) {
            lineageKept.decrementAndGet();
        }
        entries.put(objectId, e);
        counter.own(objectId, () -> released(objectId));
        return RayoObjectRef.owned(objectId, counter);
    }

    /**
     * The task that makes {@code objectId}, to cancel it ({@code Rayo.cancel}).
     *
     * @return the task's id, or empty when the object's value already arrived: the task finished, nothing to cancel
     * @throws IllegalArgumentException when this table does not own the object, or no task makes it (a put, an
     *                                  actor call's result)
     */
    public java.util.Optional<String> unfinishedTaskOf(String objectId) {
        Entry e = entries.get(objectId);
        if (e == null) {
            throw new IllegalArgumentException("Rayo.cancel needs the owner of the ref: object " + objectId
                    + " is not owned by this process (only the process that submitted a task can cancel it)");
        }
        if (!e.producedByTask) {
            throw new IllegalArgumentException("Rayo.cancel cancels tasks: object " + objectId + " is "
                    + (e.producer == null ? "from put" : "an actor call's result (kill the actor to stop its calls)"));
        }
        return e.value.isDone() ? java.util.Optional.empty() : java.util.Optional.of(e.producer);
    }

    /**
     * Keys nested in the value of {@code objectId}, already pinned in this process's counter: held until the
     * object is freed (at once, when it already is).
     */
    public void contain(String objectId, List<NestedRefs.Held> pins) {
        if (pins.isEmpty()) {
            return;
        }
        Entry e = entries.get(objectId);
        if (e != null) {
            synchronized (e) {
                if (entries.get(objectId) == e) {
                    List<NestedRefs.Held> all = new java.util.ArrayList<>(e.contained);
                    all.addAll(pins);
                    e.contained = all;
                    return;
                }
            }
        }
        NestedRefs.release(counter, pins);
    }

    /** Ids of completed objects whose value is in the store of {@code nodeAddress}. */
    public java.util.List<String> storedOn(String nodeAddress) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        entries.forEach((id, e) -> {
            if (heldOn(e, nodeAddress) != null) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * Forgets the value of a lost object so that it can be made again, and returns the task that makes it;
     * null (and the object fails as lost) when it has no lineage.
     */
    public Lineage resetForReconstruction(String objectId, StoredValue lostValue) {
        Entry e = entries.get(objectId);
        if (e == null) {
            return null;
        }
        synchronized (e) {
            e.lostOn = null;
            Lineage lineage = e.lineage;
            if (lineage == null) {
                if (!e.value.isDone() || e.value.getNow(null) instanceof StoredValue.InStore) {
                    e.value = CompletableFuture.completedFuture(lostValue);
                }
                return null;
            }
            if (e.value.isDone()) {
                e.value = new CompletableFuture<>();
            }
            return lineage;
        }
    }

    /**
     * The only copy of {@code objectId} went with {@code deadNode}: an object with lineage waits (pending)
     * until someone {@linkplain #demand needs} it and is then made again; one without fails as lost now.
     */
    public void markLost(String objectId, String deadNode, StoredValue lostValue) {
        Entry e = entries.get(objectId);
        if (e == null) {
            return;
        }
        synchronized (e) {
            if (heldOn(e, deadNode) == null) {
                return;
            }
            if (e.lineage == null) {
                e.value = CompletableFuture.completedFuture(lostValue);
            } else {
                e.value = new CompletableFuture<>();
                e.lostOn = deadNode;
            }
        }
    }

    /** The entry's value when it is complete and stored on {@code nodeAddress}; null otherwise. */
    private static StoredValue.InStore heldOn(Entry e, String nodeAddress) {
        return e.value.getNow(null) instanceof StoredValue.InStore in && in.nodeAddress().equals(nodeAddress) ? in : null;
    }

    /**
     * Makes this node the holder of {@code objectId}, in place of {@code deadNode}, when that node died and
     * this node's store has the object too (a copy it pulled, or the dead node's own file in a store both
     * shared): the object is not lost, and nothing has to run again.
     */
    public void adopt(String objectId, String deadNode) {
        Entry e = entries.get(objectId);
        if (e == null) {
            return;
        }
        synchronized (e) {
            StoredValue.InStore in = heldOn(e, deadNode);
            if (in != null) {
                e.value = CompletableFuture.completedFuture(new StoredValue.InStore(objectId, ownerAddress, in.sizeBytes()));
            }
        }
    }

    /**
     * The future value of {@code objectId} for a reader that needs it (a get, a wait, a task's input): a
     * lost object is made again now. Null when this owner doesn't (or no longer does) hold it.
     */
    public CompletableFuture<StoredValue> demand(String objectId) {
        Entry e = entries.get(objectId);
        if (e == null) {
            return null;
        }
        String deadNode;
        CompletableFuture<StoredValue> value;
        synchronized (e) {
            deadNode = e.value.isDone() ? null : e.lostOn;
            e.lostOn = null;
            value = e.value;
        }
        if (deadNode != null) {
            reconstructor.reconstruct(objectId, deadNode);
        }
        return value;
    }

    /** True when this table keeps the task that makes {@code objectId}. */
    public boolean hasLineage(String objectId) {
        Entry e = entries.get(objectId);
        return e != null && e.lineage != null;
    }

    /** Records the value (or error) of an object; ignored (and freed) when the object was already released. */
    public void complete(String objectId, StoredValue value) {
        complete(objectId, value, List.of());
    }

    /**
     * Records the value of an object and the keys nested in it, already pinned in this process's counter;
     * ignored (value freed, pins released) when the object was already released or completed.
     */
    public void complete(String objectId, StoredValue value, List<NestedRefs.Held> pins) {
        Entry e = entries.get(objectId);
        boolean taken;
        boolean drop = false;
        if (e == null) {
            taken = false;
        } else {
            synchronized (e) {
                // A retried task may deliver a lost object before anyone asked for it: nothing to re-make.
                e.lostOn = null;
                taken = e.value.complete(value);
                if (taken && !pins.isEmpty()) {
                    List<NestedRefs.Held> all = new java.util.ArrayList<>(e.contained);
                    all.addAll(pins);
                    e.contained = all;
                }
                drop = taken && e.releaseWhenDone;
            }
        }
        if (!taken) {
            onRelease.accept(value);
            NestedRefs.release(counter, pins);
        } else if (drop) {
            drop(objectId, e);
        }
    }

    /** The future value of {@code objectId}, or null when this owner doesn't (or no longer does) hold it. */
    public CompletableFuture<StoredValue> lookup(String objectId) {
        Entry e = entries.get(objectId);
        return e == null ? null : e.value;
    }

    /** The futures of {@code objectIds}' values, a completed null for an id the table no longer holds. */
    public java.util.List<CompletableFuture<StoredValue>> futuresOf(java.util.List<String> objectIds) {
        java.util.List<CompletableFuture<StoredValue>> futures = new java.util.ArrayList<>(objectIds.size());
        for (String id : objectIds) {
            CompletableFuture<StoredValue> f = lookup(id);
            futures.add(f != null ? f : CompletableFuture.completedFuture(null));
        }
        return futures;
    }

    /** How many objects the table holds; for tests and status. */
    public int size() {
        return entries.size();
    }

    /**
     * What the dashboard shows of one owned object.
     *
     * @param objectId  the object
     * @param status    {@code PENDING} (its task runs), {@code READY}, {@code FAILED} or {@code LOST}
     * @param sizeBytes its encoded size (0 while pending)
     * @param storedOn  the address of the node whose store holds it, or empty when inline at the owner
     * @param taskId    the task or actor call that returns it; empty for {@code put}
     * @param isPut     whether it was made by {@code put}
     */
    public record Owned(String objectId, String status, long sizeBytes, String storedOn, String taskId,
                        boolean isPut) implements RayoMessage {
    }

    /**
     * Up to {@code max} owned objects from the {@code offset}-th on, in the table's iteration order, which
     * stays put while the table does: pages read one after another see each object once unless it changes.
     */
    public List<Owned> describe(int offset, int max) {
        List<Owned> out = new java.util.ArrayList<>(Math.min(max, 1024));
        int i = 0;
        for (Map.Entry<String, Entry> me : entries.entrySet()) {
            if (i++ < offset) {
                continue;
            }
            if (out.size() >= max) {
                break;
            }
            Entry e = me.getValue();
            StoredValue v = e.value.getNow(null);
            String status = v == null ? (e.lostOn != null ? "LOST" : "PENDING")
                    : v instanceof StoredValue.Failed ? "FAILED" : "READY";
            long size = v instanceof StoredValue.InStore s ? s.sizeBytes()
                    : v instanceof StoredValue.Inline in ? in.bytes().length : 0;
            String storedOn = v instanceof StoredValue.InStore s ? s.nodeAddress() : "";
            out.add(new Owned(me.getKey(), status, size, storedOn, e.producer == null ? "" : e.producer,
                    e.producer == null && e.lineage == null));
        }
        return out;
    }

    /** Nothing holds {@code objectId} any more: frees it now, or when its pending value arrives. */
    private void released(String objectId) {
        Entry e = entries.get(objectId);
        if (e == null) {
            return;
        }
        synchronized (e) {
            if (!e.value.isDone()) {
                // Its task still runs (Ray's pending creation): the result is freed when it arrives.
                e.releaseWhenDone = true;
                return;
            }
        }
        drop(objectId, e);
    }

    private void drop(String objectId, Entry e) {
        if (!entries.remove(objectId, e)) {
            return;
        }
        if (e.lineage != null) {
            lineageKept.decrementAndGet();
        }
        List<NestedRefs.Held> contained;
        synchronized (e) {
            contained = e.contained;
            e.contained = List.of();
        }
        StoredValue v = e.value.getNow(null);
        if (v != null) {
            onRelease.accept(v);
        }
        NestedRefs.release(counter, contained);
    }

    /** Fails every pending object (the runtime is stopping) and forgets this table. */
    public void close(StoredValue failure) {
        counter.close();
        entries.values().forEach(e -> e.value.complete(failure));
        entries.values().forEach(e -> onRelease.accept(e.value.getNow(failure)));
        entries.clear();
    }
}
