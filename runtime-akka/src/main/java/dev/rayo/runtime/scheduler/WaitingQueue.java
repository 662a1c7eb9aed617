package dev.rayo.runtime.scheduler;

import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.wire.ResourceSet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The entries (tasks, actors) waiting on one node for resources, granted strictly in arrival order.
 * Split by resource shape: one FIFO per distinct {@link ResourceSet}, so a pass looks at each shape's head
 * once instead of rescanning every entry. Entries carry a global arrival number and a pass merges the
 * heads in that order, which grants exactly what one FIFO scanned front to back would (skipping shapes
 * that don't fit). Plain data, owned by the scheduler's single thread; no Akka, so it is unit tested alone.
 *
 * @param <E> what waits
 */
public final class WaitingQueue<E> {
    private record Entry<E>(E item, long seq) {
    }

    /** The waiting entries of one resource shape, in arrival order. */
    private static final class ShapeQueue<E> {
        final ResourceSet shape;
        final ArrayDeque<Entry<E>> entries = new ArrayDeque<>();

        ShapeQueue(ResourceSet shape) {
            this.shape = shape;
        }
    }

    private final Map<ResourceSet, ShapeQueue<E>> byShape = new HashMap<>();
    /** Reused by every pass, so a pass allocates nothing. */
    private final ArrayList<ShapeQueue<E>> passShapes = new ArrayList<>();
    private int size;
    private long nextSeq = 1;
    /** Arrival numbers of entries handed back, below every other: they go first. */
    private long firstSeq;

    /** Adds {@code item}, which needs {@code shape}, behind everything already waiting. */
    public void add(E item, ResourceSet shape) {
        ShapeQueue<E> q = byShape.get(shape);
        if (q == null) {
            q = new ShapeQueue<>(shape);
            byShape.put(shape, q);
        }
        q.entries.add(new Entry<>(item, nextSeq++));
        size++;
    }

    /**
     * Puts {@code items}, which need {@code shape}, back in front of everything waiting, in their order: they
     * were granted before anything still waiting arrived and were handed back without running.
     */
    public void addFirst(List<E> items, ResourceSet shape) {
        for (int i = items.size() - 1; i >= 0; i--) {
            ShapeQueue<E> q = byShape.computeIfAbsent(shape, ShapeQueue::new);
            q.entries.addFirst(new Entry<>(items.get(i), firstSeq--));
            size++;
        }
    }

    /** The entry that arrived first of all those waiting, or null. */
    public E peekOldest() {
        ShapeQueue<E> q = oldestQueue();
        return q == null ? null : q.entries.peekFirst().item();
    }

    /** Removes the entry {@link #peekOldest()} returns. */
    public void removeOldest() {
        ShapeQueue<E> q = oldestQueue();
        if (q == null) {
            return;
        }
        q.entries.pollFirst();
        size--;
        if (q.entries.isEmpty()) {
            byShape.remove(q.shape);
        }
    }

    private ShapeQueue<E> oldestQueue() {
        ShapeQueue<E> best = null;
        for (ShapeQueue<E> q : byShape.values()) {
            if (best == null || q.entries.peekFirst().seq() < best.entries.peekFirst().seq()) {
                best = q;
            }
        }
        return best;
    }

    /**
     * Removes every waiting entry {@code match} accepts (a cancelled task: rare, so a scan is fine) and returns
     * them in no particular order.
     */
    public List<E> removeIf(Predicate<? super E> match) {
        List<E> removed = new ArrayList<>();
        for (Iterator<ShapeQueue<E>> it = byShape.values().iterator(); it.hasNext(); ) {
            ShapeQueue<E> q = it.next();
            q.entries.removeIf(e -> match.test(e.item()) && removed.add(e.item()));
            if (q.entries.isEmpty()) {
                it.remove();
            }
        }
        size -= removed.size();
        return removed;
    }

    /** How many entries wait. */
    public int size() {
        return size;
    }

    /** Whether nothing waits. */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Grants resources to waiting entries in arrival order: {@code tryAcquire} returns an allocation or null
     * when the shape doesn't fit now; {@code start} receives each granted entry. A shape that doesn't fit
     * drops out of the pass (its later entries, needing the same, can't fit either while the pass only
     * takes resources), and the pass ends when no shape is left.
     *
     * @return how many entries were granted
     */
    public int grant(Function<ResourceSet, Allocation> tryAcquire, BiConsumer<E, Allocation> start) {
        if (size == 0) {
            return 0;
        }
        int granted = 0;
        ArrayList<ShapeQueue<E>> shapes = passShapes;
        shapes.clear();
        shapes.addAll(byShape.values());
        try {
            while (!shapes.isEmpty()) {
                int best = oldestHead(shapes);
                ShapeQueue<E> q = shapes.get(best);
                Allocation allocation = tryAcquire.apply(q.shape);
                if (allocation == null) {
                    removeAt(shapes, best);
                    continue;
                }
                Entry<E> entry = q.entries.pollFirst();
                size--;
                if (q.entries.isEmpty()) {
                    byShape.remove(q.shape);
                    removeAt(shapes, best);
                }
                granted++;
                start.accept(entry.item(), allocation);
            }
        } finally {
            shapes.clear();
        }
        return granted;
    }

    private static <E> int oldestHead(ArrayList<ShapeQueue<E>> shapes) {
        int best = 0;
        long bestSeq = shapes.get(0).entries.peekFirst().seq();
        for (int i = 1; i < shapes.size(); i++) {
            long seq = shapes.get(i).entries.peekFirst().seq();
            if (seq < bestSeq) {
                best = i;
                bestSeq = seq;
            }
        }
        return best;
    }

    private static <E> void removeAt(ArrayList<ShapeQueue<E>> shapes, int i) {
        int last = shapes.size() - 1;
        shapes.set(i, shapes.get(last));
        shapes.remove(last);
    }
}
