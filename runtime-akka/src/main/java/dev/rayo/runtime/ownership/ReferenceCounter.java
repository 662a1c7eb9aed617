package dev.rayo.runtime.ownership;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One process's distributed reference counts (Ray's {@code ReferenceCounter}), for objects and actor handles
 * alike; a counted thing is named by a key (an object id, or {@code actor:<id>}).
 *
 * <p>For a key this process <b>owns</b>, it keeps the local count, the set of borrowers (other processes
 * that hold the key) and whether the key escaped untracked; when the count is zero, no borrower is left and
 * it never escaped, the key is freed ({@code onFree} runs once). For a key another process owns, it keeps
 * the local count only: when it goes above zero this process registers with the owner as a borrower, and
 * when it drops to zero it tells the owner it no longer borrows. Registrations are acknowledged; a process
 * waits for its open registrations before it reports a task's results ({@link #registrationsSettled}), so
 * the submitter's own hold on a ref it passed to that task is never released before the executor's borrow
 * is known to the owner.
 *
 * <p>The local count has two sources: <b>JVM reachability</b> of each ref or handle instance in this
 * process (Java has no destructors: an instance counts from its construction until the garbage collector
 * finds it unreachable, through a shared {@link #lease}), and explicit <b>pins</b>: refs serialized
 * into an object this process owns (held while that object lives), into a task's arguments (held until the
 * task's results arrive), or into a result for another owner (held until that owner took them over).
 * So a ref is released some time after the program drops it: at the next garbage collection that finds it.
 */
public final class ReferenceCounter {
    private static final Map<String, ReferenceCounter> BY_ADDRESS = new ConcurrentHashMap<>();

    /**
     * The key under which a Kryo instance's context holds a {@code Supplier<ReferenceCounter>} of the
     * process it reads for, so that refs and handles it reads are counted there.
     */
    public static final String KRYO_CONTEXT_KEY = "rayo.reference-counter";

    /** How this process talks to the owners of the keys it borrows. */
    public interface OwnerLink {
        /** Registers {@code borrower} as holding {@code key} at its owner; completes once the owner knows it. */
        CompletableFuture<Void> addBorrower(String ownerAddress, String key, String borrower);

        /** Tells the owner that {@code borrower} no longer holds {@code key}. */
        void removeBorrower(String ownerAddress, String key, String borrower);
    }

    private static final OwnerLink UNLINKED = new OwnerLink() {
        @Override
        public CompletableFuture<Void> addBorrower(String ownerAddress, String key, String borrower) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void removeBorrower(String ownerAddress, String key, String borrower) {
        }
    };

    private static final class Owned {
        int local;
        Set<String> borrowers;
        boolean forever;
        boolean freed;
        /** The lease the ref instances of this key made now share, if still alive; see {@link #lease}. */
        volatile LeaseRef lease;
        final Runnable onFree;

        Owned(Runnable onFree) {
            this.onFree = onFree;
        }

        boolean unused() {
            return local <= 0 && !forever && (borrowers == null || borrowers.isEmpty());
        }
    }

    private static final class Borrowed {
        final String ownerAddress;
        int local;
        /** As {@link Owned#lease}; set inside {@code borrowed.compute}. */
        volatile LeaseRef lease;

        Borrowed(String ownerAddress) {
            this.ownerAddress = ownerAddress;
        }
    }

    private final String selfAddress;
    private final ConcurrentHashMap<String, Owned> owned = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Borrowed> borrowed = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> registering = ConcurrentHashMap.newKeySet();
    /** Pins on refs nested in results made here for other owners, by object id, until the owner took them over. */
    private final ConcurrentHashMap<String, HandOver> handingOver = new ConcurrentHashMap<>();

    private record HandOver(String ownerAddress, List<NestedRefs.Held> pins) {
    }
    private volatile OwnerLink link = UNLINKED;

    /** The counts of the process at {@code selfAddress}, found by that address by refs made in this JVM. */
    public ReferenceCounter(String selfAddress) {
        this.selfAddress = selfAddress;
        BY_ADDRESS.put(selfAddress, this);
    }

    /** The counter of a runtime in this JVM whose address is {@code address}, or null. */
    public static ReferenceCounter forAddress(String address) {
        return address == null ? null : BY_ADDRESS.get(address);
    }

    /** Sets how borrow registrations reach owners (the node wires it once its owner client exists). */
    public void linkWith(OwnerLink ownerLink) {
        this.link = ownerLink;
    }

    /** The address of this process, the owner of the keys it {@linkplain #own owns}. */
    public String selfAddress() {
        return selfAddress;
    }

    /** Starts counting {@code key}, owned here; {@code onFree} runs once when nothing holds it any more. */
    public void own(String key, Runnable onFree) {
        owned.put(key, new Owned(onFree));
    }

    /** True while this process owns {@code key} and has not freed it. */
    public boolean isOwned(String key) {
        return owned.containsKey(key);
    }

    /**
     * Counts one ref or handle instance of {@code key} (owned by {@code ownerAddress}) in this process until the
     * garbage collector finds it unreachable, and returns the object the instance must hold (strongly) for
     * that: null when there is nothing to count (an owned key already freed).
     *
     * <p>Instances of one key share a lease: the key counts one holder per live lease, and a lease lives
     * while any instance holding it does, so the key is held until the garbage collector finds the last of
     * them unreachable, as if each counted by itself. A lease is found again through a weak reference, so
     * decoding a value with many refs (10,000 refs, each get) costs a map lookup per ref, not a
     * {@code Cleaner} registration and a reference for the collector to process per ref.
     */
    public Object lease(String key, String ownerAddress) {
        if (selfAddress.equals(ownerAddress)) {
            Owned o = owned.get(key);
            if (o == null) {
                return null;
            }
            Lease live = live(o.lease);
            if (live != null) {
                return live;
            }
            synchronized (o) {
                live = live(o.lease);
                if (live == null) {
                    live = new Lease();
                    // Counted under the lock, before the weak reference that will release it is published.
                    o.local++;
                    o.lease = new LeaseRef(live, this, key, ownerAddress);
                }
                return live;
            }
        }
        Borrowed b = borrowed.get(key);
        if (b != null) {
            Lease live = live(b.lease);
            if (live != null) {
                return live;
            }
        }
        Lease[] made = new Lease[1];
        borrowed.compute(key, (k, found) -> {
            Borrowed entry = found != null ? found : newBorrow(key, ownerAddress);
            Lease live = live(entry.lease);
            if (live == null) {
                live = new Lease();
                entry.local++;
                entry.lease = new LeaseRef(live, this, key, ownerAddress);
            }
            made[0] = live;
            return entry;
        });
        return made[0];
    }

    private static Lease live(LeaseRef ref) {
        return ref == null ? null : ref.get();
    }

    /** What ref instances of one key hold; see {@link #lease}. */
    private static final class Lease {
    }

    /**
     * The weak reference through which a lease is found again and, once the collector cleared it, released.
     * The counter's entry for the key keeps it reachable until then (while the lease lives, its count keeps
     * the entry in the map); once cleared, the collector's pending list and {@link #LEASES_GONE} do.
     */
    private static final class LeaseRef extends WeakReference<Lease> {
        final ReferenceCounter counter;
        final String key;
        final String ownerAddress;

        LeaseRef(Lease lease, ReferenceCounter counter, String key, String ownerAddress) {
            super(lease, LEASES_GONE);
            this.counter = counter;
            this.key = key;
            this.ownerAddress = ownerAddress;
        }
    }

    private static final ReferenceQueue<Lease> LEASES_GONE = new ReferenceQueue<>();

    static {
        Thread releaser = new Thread(ReferenceCounter::releaseLeases, "rayo-lease-release");
        releaser.setDaemon(true);
        releaser.start();
    }

    private static void releaseLeases() {
        while (true) {
            try {
                LeaseRef gone = (LeaseRef) LEASES_GONE.remove();
                gone.counter.decrement(gone.key, gone.ownerAddress);
            } catch (InterruptedException e) {
                // A daemon that lives as long as the JVM: keep going.
            } catch (Throwable t) {
                // One failed release must not stop the others.
            }
        }
    }

    /** One more local holder (an instance or a pin) of {@code key}, owned by {@code ownerAddress}. */
    public void increment(String key, String ownerAddress) {
        if (selfAddress.equals(ownerAddress)) {
            Owned o = owned.get(key);
            if (o != null) {
                synchronized (o) {
                    o.local++;
                }
            }
            return;
        }
        borrowed.compute(key, (k, b) -> {
            if (b == null) {
                b = newBorrow(key, ownerAddress);
            }
            b.local++;
            return b;
        });
    }

    /** A new borrow of {@code key}, registered with its owner; called inside {@code borrowed.compute}. */
    private Borrowed newBorrow(String key, String ownerAddress) {
        Borrowed b = new Borrowed(ownerAddress);
        CompletableFuture<Void> registered = link.addBorrower(ownerAddress, key, selfAddress);
        if (!registered.isDone()) {
            registering.add(registered);
            registered.whenComplete((v, e) -> registering.remove(registered));
        }
        return b;
    }

    /** One local holder of {@code key} fewer; frees an owned key, or ends this process's borrow, at zero. */
    public void decrement(String key, String ownerAddress) {
        if (selfAddress.equals(ownerAddress)) {
            Owned o = owned.get(key);
            if (o != null) {
                boolean free;
                synchronized (o) {
                    o.local--;
                    free = o.unused();
                }
                freeIfUnused(key, o, free);
            }
            return;
        }
        borrowed.computeIfPresent(key, (k, b) -> {
            if (--b.local > 0) {
                return b;
            }
            link.removeBorrower(b.ownerAddress, key, selfAddress);
            return null;
        });
    }

    /**
     * {@code key} was copied out of the processes' view (Java-serialized, or into a message nobody tracks):
     * it is held for good, as no one can tell when the copy is gone.
     */
    public void holdForever(String key, String ownerAddress) {
        if (selfAddress.equals(ownerAddress)) {
            Owned o = owned.get(key);
            if (o != null) {
                synchronized (o) {
                    o.forever = true;
                }
            }
        } else {
            increment(key, ownerAddress);
        }
    }

    /** The owner's side: process {@code borrower} holds {@code key}. False when the key is already freed. */
    public boolean addBorrower(String key, String borrower) {
        Owned o = owned.get(key);
        if (o == null) {
            return false;
        }
        synchronized (o) {
            if (o.borrowers == null) {
                o.borrowers = new HashSet<>(2);
            }
            o.borrowers.add(borrower);
        }
        return true;
    }

    /** The owner's side: process {@code borrower} no longer holds {@code key}. */
    public void removeBorrower(String key, String borrower) {
        Owned o = owned.get(key);
        if (o != null) {
            boolean free;
            synchronized (o) {
                if (o.borrowers != null) {
                    o.borrowers.remove(borrower);
                }
                free = o.unused();
            }
            freeIfUnused(key, o, free);
        }
    }

    /**
     * Process {@code address} left the cluster or died: its borrows end (an actor on it that held a ref no
     * longer does), and the keys this process borrowed from it are forgotten (their owner is gone).
     */
    public void processRemoved(String address) {
        List<Map.Entry<String, Owned>> affected = new ArrayList<>();
        owned.forEach((key, o) -> {
            synchronized (o) {
                if (o.borrowers != null && o.borrowers.remove(address) && o.unused()) {
                    affected.add(Map.entry(key, o));
                }
            }
        });
        affected.forEach(e -> freeIfUnused(e.getKey(), e.getValue(), true));
        handingOver.forEach((objectId, h) -> {
            if (h.ownerAddress().equals(address)) {
                takenOver(objectId);
            }
        });
        borrowed.entrySet().removeIf(e -> e.getValue().ownerAddress.equals(address));
    }

    /**
     * Holds {@code pins} (already counted here) for the result {@code objectId} sent to {@code ownerAddress}
     * until that owner {@linkplain #takenOver took them over}, or left the cluster.
     */
    public void handOver(String objectId, String ownerAddress, List<NestedRefs.Held> pins) {
        // A retried task may report the same object twice: both reports' pins wait for the owner.
        handingOver.merge(objectId, new HandOver(ownerAddress, pins), (a, b) -> {
            List<NestedRefs.Held> all = new ArrayList<>(a.pins());
            all.addAll(b.pins());
            return new HandOver(ownerAddress, all);
        });
    }

    /** The owner of result {@code objectId} holds its nested refs itself: this process's pins go. */
    public void takenOver(String objectId) {
        HandOver h = handingOver.remove(objectId);
        if (h != null) {
            NestedRefs.release(this, h.pins());
        }
    }

    /** Completes when every borrow registration this process started so far has been acknowledged. */
    public CompletableFuture<Void> registrationsSettled() {
        if (registering.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(registering.toArray(CompletableFuture[]::new));
    }

    /** How many owned keys are counted; for tests and status. */
    public int ownedCount() {
        return owned.size();
    }

    /** How many keys of other owners this process borrows; for tests and status. */
    public int borrowedCount() {
        return borrowed.size();
    }

    /** The processes that borrow {@code key}, owned here; for tests. */
    public Set<String> borrowersOf(String key) {
        Owned o = owned.get(key);
        if (o == null) {
            return Set.of();
        }
        synchronized (o) {
            return o.borrowers == null ? Set.of() : Set.copyOf(o.borrowers);
        }
    }

    /** Forgets this counter (the runtime stopped); nothing is freed through it any more. */
    public void close() {
        BY_ADDRESS.remove(selfAddress, this);
        owned.clear();
        borrowed.clear();
        handingOver.clear();
    }

    private void freeIfUnused(String key, Owned o, boolean free) {
        if (!free) {
            return;
        }
        synchronized (o) {
            // Another holder may have come in between the count and here.
            if (o.freed || !o.unused()) {
                return;
            }
            o.freed = true;
        }
        if (owned.remove(key, o)) {
            o.onFree.run();
        }
    }
}
