package dev.rayo.runtime.scheduler;

import dev.rayo.runtime.task.TaskLane;
import dev.rayo.runtime.wire.ResourceSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's record of its open {@link TaskLane}s, by the resource shape of their tasks: which lane can
 * take a task now (an idle one, or a busy one below the pipeline depth), and which idle lanes stand in the way of
 * a request of another shape. Plain data owned by the scheduler's single thread, like {@link WaitingQueue}.
 */
final class LaneTable {
    /**
     * The scheduler's view of one lane: how many of the tasks it offered have not finished, and whether the
     * running one is blocked (its CPUs lent out, so nothing more is queued behind it).
     */
    static final class Lane {
        final TaskLane lane;
        final ResourceSet shape;
        int inFlight;
        boolean blocked;

        private Lane(TaskLane lane, ResourceSet shape) {
            this.lane = lane;
            this.shape = shape;
        }
    }

    private final Map<ResourceSet, List<Lane>> byShape = new HashMap<>();
    private final Map<TaskLane, Lane> byLane = new IdentityHashMap<>();
    /** Lanes ended (or found ended) whose end has not been reported yet: their resources are on the way back. */
    private int ending;
    /** The CPU units those lanes hold: the pool gets them back when their ends are reported. */
    private long endingCpuUnits;

    /** Records a new lane of {@code shape}, which holds its first task. */
    Lane open(TaskLane lane, ResourceSet shape) {
        Lane l = new Lane(lane, shape);
        l.inFlight = 1;
        byShape.computeIfAbsent(shape, k -> new ArrayList<>(2)).add(l);
        byLane.put(lane, l);
        return l;
    }

    /** The lane ended: forgets it and returns its record (null if unknown). */
    Lane ended(TaskLane lane) {
        Lane l = byLane.remove(lane);
        if (l != null && !remove(l)) {
            ending--;
            endingCpuUnits -= cpuUnits(l);
        }
        return l;
    }

    /** Stops offering to {@code lane} (it ended, or was ended); its end is still to be reported. */
    void forget(Lane lane) {
        if (remove(lane)) {
            ending++;
            endingCpuUnits += cpuUnits(lane);
        }
    }

    /** The CPU units of the lanes ended but not reported yet, which the pool is about to get back. */
    long endingCpuUnits() {
        return endingCpuUnits;
    }

    private static long cpuUnits(Lane lane) {
        return lane.lane.allocation().resources().get(ResourceSet.CPU);
    }

    /** Whether some lane ended but its resources have not come back yet. */
    boolean anyEnding() {
        return ending > 0;
    }

    /** A lane of {@code shape} other than {@code idle} holding a task queued behind its running one, or null. */
    Lane withQueued(ResourceSet shape, Lane idle) {
        List<Lane> open = byShape.get(shape);
        if (open != null) {
            for (Lane l : open) {
                if (l != idle && l.inFlight > 1) {
                    return l;
                }
            }
        }
        return null;
    }

    private boolean remove(Lane lane) {
        List<Lane> open = byShape.get(lane.shape);
        if (open == null || !open.remove(lane)) {
            return false;
        }
        if (open.isEmpty()) {
            byShape.remove(lane.shape);
        }
        return true;
    }

    /** An open, unblocked lane of {@code shape} with fewer than {@code limit} unfinished tasks, the emptiest; or null. */
    Lane withRoom(ResourceSet shape, int limit) {
        List<Lane> open = byShape.get(shape);
        Lane best = null;
        if (open != null) {
            for (Lane l : open) {
                if (!l.blocked && l.inFlight < limit && (best == null || l.inFlight < best.inFlight)) {
                    best = l;
                }
            }
        }
        return best;
    }

    /** The idle lanes whose shape is not {@code wanted} (null: every idle lane). */
    List<Lane> idleExcept(ResourceSet wanted) {
        List<Lane> idle = new ArrayList<>();
        for (List<Lane> open : byShape.values()) {
            for (Lane l : open) {
                if (l.inFlight == 0 && !l.blocked && !l.shape.equals(wanted)) {
                    idle.add(l);
                }
            }
        }
        return idle;
    }

    /** Whether no lane is open. */
    boolean isEmpty() {
        return byShape.isEmpty();
    }

    /** Ends every lane (the scheduler stops): lingering runners return at once. */
    void endAll() {
        byLane.keySet().forEach(TaskLane::tryEnd);
    }
}
