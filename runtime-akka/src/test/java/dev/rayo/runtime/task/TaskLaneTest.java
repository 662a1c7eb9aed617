package dev.rayo.runtime.task;

import dev.rayo.runtime.wire.Allocation;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.TaskSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-over between the scheduler's thread, which offers tasks to a lane, and the lane's runner thread,
 * which takes them: an offer wakes a lingering runner, an ended lane refuses offers, a lane with work can't
 * be ended, and a runner whose task blocks takes back what waits behind it and refuses offers until it resumes.
 */
class TaskLaneTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private static TaskLane.Granted task(String id) {
        TaskSpec spec = new TaskSpec(id, id, new byte[0], List.of(), ResourceSet.EMPTY, List.of(id + "-r"), "owner", 0,
                false, 0);
        return new TaskLane.Granted(spec, List.of());
    }

    @Test
    void aLingeringRunnerIsWokenByAnOfferAndTheLaneEndsWhenItLingeredLongEnough() throws Exception {
        TaskLane lane = new TaskLane(Allocation.NONE, task("first"));
        assertEquals("first", lane.next(0, 0).spec().taskId());
        CompletableFuture<TaskLane.Granted> waiting = CompletableFuture.supplyAsync(() -> lane.next(0, HOUR));
        Thread.sleep(50);
        assertFalse(waiting.isDone(), "the idle runner lingers");
        assertTrue(lane.offer(task("second")));
        assertEquals("second", waiting.get(10, TimeUnit.SECONDS).spec().taskId(), "woken by the offer, long before an hour");

        assertNull(lane.next(0, TimeUnit.MILLISECONDS.toNanos(20)), "nothing came while it lingered: it ends");
        assertTrue(lane.hasEnded());
        assertFalse(lane.offer(task("late")), "an ended lane takes nothing");
    }

    @Test
    void theSchedulerCanEndAnIdleLaneButNotOneWithWorkQueued() throws Exception {
        TaskLane lane = new TaskLane(Allocation.NONE, task("first"));
        assertFalse(lane.tryEnd(), "its first task has not started");
        assertEquals("first", lane.next(0, 0).spec().taskId());
        CompletableFuture<TaskLane.Granted> waiting = CompletableFuture.supplyAsync(() -> lane.next(0, HOUR));
        Thread.sleep(50);
        assertTrue(lane.tryEnd());
        assertNull(waiting.get(10, TimeUnit.SECONDS), "the lingering runner learns at once that the lane ended");
        assertFalse(lane.offer(task("late")));
    }

    @Test
    void aBlockedTaskGivesBackWhatWaitsBehindItAndTheLaneTakesNothingUntilItResumes() {
        TaskLane lane = new TaskLane(Allocation.NONE, task("running"));
        lane.next(0, 0);
        assertTrue(lane.offer(task("a")));
        assertTrue(lane.offer(task("b")));
        List<TaskLane.Granted> back = lane.takeUnstarted();
        assertEquals(List.of("a", "b"), back.stream().map(g -> g.spec().taskId()).toList());
        assertFalse(lane.offer(task("c")), "nothing queues behind a blocked task");
        assertFalse(lane.hasEnded(), "refused because blocked, not ended");
        lane.resume();
        assertTrue(lane.offer(task("d")));
        assertEquals("d", lane.next(0, 0).spec().taskId());
    }
}
