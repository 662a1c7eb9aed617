package dev.rayo.runtime;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.WaitResult;
import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.api.exception.RayoTimeoutException;
import dev.rayo.runtime.cluster.Membership;
import dev.rayo.runtime.ownership.ObjectResolver;
import dev.rayo.runtime.ownership.ObjectTable;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.task.Blocking;
import dev.rayo.runtime.wire.ObjectCodec;
import dev.rayo.runtime.wire.StoredValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * {@code get}, {@code wait} and {@code toCompletableFuture} of refs: waits for the owner to know where a
 * value is, decodes it, and when its only copy vanished with a node that is not yet declared dead, makes it
 * again from lineage (an owned object) or asks its live owner again (a borrowed one).
 */
final class ObjectReader {
    private final String selfAddress;
    private final ObjectResolver resolver;
    private final ObjectTable objects;
    private final ObjectTable.Reconstructor reconstructor;
    private final Membership membership;
    private final Function<StoredValue, Object> decoder;
    private final ObjectCodec codec;
    private final Executor futures;
    private final int maxReconstructionsPerGet;
    private final int maxBorrowedWaits;
    private final long spinNanos;

    /**
     * A reader for this process.
     *
     * @param decoder                  reads a value that is not an error (inline bytes or a store mapping)
     * @param codec                    decodes a failed task's exception
     * @param futures                  where {@code toCompletableFuture} decodes
     * @param maxReconstructionsPerGet how many times one get makes an owned lost object again
     * @param maxBorrowedWaits         how many times one get asks a live owner again (backing off)
     * @param spinNanos                how long a get outside any task polls before parking
     */
    public ObjectReader(ObjectTable objects, ObjectResolver resolver, ObjectTable.Reconstructor reconstructor,
                        Membership membership, Function<StoredValue, Object> decoder, ObjectCodec codec, Executor futures,
                        int maxReconstructionsPerGet, int maxBorrowedWaits, long spinNanos) {
        this.spinNanos = spinNanos;
        this.selfAddress = objects.ownerAddress();
        this.objects = objects;
        this.resolver = resolver;
        this.reconstructor = reconstructor;
        this.membership = membership;
        this.decoder = decoder;
        this.codec = codec;
        this.futures = futures;
        this.maxReconstructionsPerGet = maxReconstructionsPerGet;
        this.maxBorrowedWaits = maxBorrowedWaits;
    }

    /** The value of {@code ref}, waiting until {@code deadline} ({@link System#nanoTime()}; MAX_VALUE: none). */
    public <T> T get(ObjectRef<T> ref, long deadline, Duration timeout) {
        RayoObjectRef<?> rayoRef = RayoObjectRef.of(ref);
        return get(ref, rayoRef, resolver.resolve(rayoRef), deadline, timeout);
    }

    /** {@link #get(ObjectRef, long, Duration)} whose first resolution, {@code first}, is already asked for. */
    private <T> T get(ObjectRef<T> ref, RayoObjectRef<?> rayoRef, CompletableFuture<StoredValue> first,
                      long deadline, Duration timeout) {
        for (int attempt = 0; ; attempt++) {
            CompletableFuture<StoredValue> future = attempt == 0 ? first : resolver.resolve(rayoRef);
            if (!Blocking.await(future, deadline, spinNanos)) {
                throw new RayoTimeoutException("get of " + ref + " timed out after " + timeout);
            }
            StoredValue value = future.join();
            try {
                return decode(value);
            } catch (ObjectLostException lost) {
                // Its only copy went with a node that is not yet declared dead: make it again from lineage.
                if (attempt < maxReconstructionsPerGet && value instanceof StoredValue.InStore in
                        && rayoRef.ownerAddress().equals(selfAddress) && objects.hasLineage(rayoRef.id())) {
                    reconstructor.reconstruct(rayoRef.id(), in.nodeAddress());
                    continue;
                }
                if (attempt < maxBorrowedWaits && value instanceof StoredValue.InStore
                        && !rayoRef.ownerAddress().equals(selfAddress) && membership.isMember(rayoRef.ownerAddress())) {
                    // Another process owns it and is alive: once the dead holder is removed from the cluster,
                    // the owner makes it again from lineage (or says it is lost). Ask it again, backing off.
                    long pause = TimeUnit.MILLISECONDS.toNanos(Math.min(2000, 250L * (attempt + 1)));
                    Blocking.await(new CompletableFuture<Void>(), Math.min(deadline, System.nanoTime() + pause), 0);
                    continue;
                }
                throw lost;
            }
        }
    }

    /**
     * The values of {@code refs} in order, all within {@code deadline}. Fail-fast, as Ray's {@code get} of a
     * list: as soon as any ref is known to have failed, its error is thrown, even while refs before it in the
     * list are still pending, and an error known when the deadline passes wins over the timeout.
     */
    public <T> List<T> getAll(List<ObjectRef<T>> refs, long deadline, Duration timeout) {
        int n = refs.size();
        if (n == 0) {
            return new ArrayList<>(0);
        }
        List<RayoObjectRef<?>> rayoRefs = new ArrayList<>(n);
        List<CompletableFuture<StoredValue>> resolved = new ArrayList<>(n);
        CompletableFuture<Void> allOrFailed = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(n);
        for (ObjectRef<T> ref : refs) {
            RayoObjectRef<?> rayoRef = RayoObjectRef.of(ref);
            rayoRefs.add(rayoRef);
            CompletableFuture<StoredValue> f = resolver.resolve(rayoRef);
            resolved.add(f);
            if (f.isDone()) {
                countDown(allOrFailed, pending, f);
            } else {
                f.whenComplete((v, e) -> countDown(allOrFailed, pending, f));
            }
        }
        boolean completed = Blocking.await(allOrFailed, deadline, spinNanos);
        // Whatever ended the wait (all done, one failed, the deadline), a failure already known is the answer.
        for (int i = 0; i < n; i++) {
            if (failed(resolved.get(i))) {
                get(refs.get(i), rayoRefs.get(i), resolved.get(i), deadline, timeout); // throws its error
            }
        }
        if (!completed) {
            for (int i = 0; i < n; i++) {
                if (!resolved.get(i).isDone()) {
                    throw new RayoTimeoutException("get of " + refs.get(i) + " timed out after " + timeout);
                }
            }
        }
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(get(refs.get(i), rayoRefs.get(i), resolved.get(i), deadline, timeout));
        }
        return out;
    }

    /** One more of {@code getAll}'s refs is ready: ends the wait when it failed or was the last one. */
    private static void countDown(CompletableFuture<Void> allOrFailed, AtomicInteger pending,
                                  CompletableFuture<StoredValue> done) {
        if (failed(done) || pending.decrementAndGet() == 0) {
            allOrFailed.complete(null);
        }
    }

    /** Whether {@code f} is done with an error: a failed task's value, or no value at all. */
    private static boolean failed(CompletableFuture<StoredValue> f) {
        return f.isDone() && (f.isCompletedExceptionally() || f.getNow(null) instanceof StoredValue.Failed);
    }

    /** Completes with the decoded value or the error, without blocking a thread. */
    public <T> CompletableFuture<T> future(ObjectRef<T> ref) {
        return resolver.resolve(RayoObjectRef.of(ref)).thenApplyAsync(this::decode, futures);
    }

    /** Ray's {@code wait}: the first {@code numReturns} ready refs by {@code deadline}, in the order of {@code refs}. */
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, long deadline) {
        if (numReturns < 0 || numReturns > refs.size()) {
            throw new IllegalArgumentException("numReturns must be 0.." + refs.size() + ", was " + numReturns);
        }
        List<CompletableFuture<StoredValue>> resolved = new ArrayList<>(refs.size());
        CompletableFuture<Void> enough = new CompletableFuture<>();
        AtomicInteger done = new AtomicInteger();
        if (numReturns == 0) {
            enough.complete(null);
        }
        for (ObjectRef<T> ref : refs) {
            CompletableFuture<StoredValue> f = resolver.resolve(RayoObjectRef.of(ref));
            resolved.add(f);
            f.whenComplete((v, e) -> {
                if (done.incrementAndGet() >= numReturns) {
                    enough.complete(null);
                }
            });
        }
        Blocking.await(enough, deadline, spinNanos);
        List<ObjectRef<T>> ready = new ArrayList<>(numReturns);
        List<ObjectRef<T>> unready = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            if (ready.size() < numReturns && resolved.get(i).isDone()) {
                ready.add(refs.get(i));
            } else {
                unready.add(refs.get(i));
            }
        }
        return new WaitResult<>(ready, unready);
    }

    @SuppressWarnings("unchecked")
    private <T> T decode(StoredValue value) {
        if (value instanceof StoredValue.Failed failed) {
            throw failed.error().toException(codec);
        }
        return (T) decoder.apply(value);
    }
}
