package dev.rayo.runtime.state;

import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.events.TaskPhase;
import dev.rayo.runtime.events.TaskState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskHistoryTest {
    private static TaskEvent state(int attempt, TaskState state, String node, String worker, long at) {
        return new TaskEvent("t", "f", attempt, state, null, node, "", worker, at, "", null);
    }

    private static TaskEvent phase(int attempt, TaskPhase phase, String node, long at) {
        return new TaskEvent("t", "f", attempt, null, phase, node, "", "w", at, "", null);
    }

    @Test
    void aFinalStateOutranksALaterPendingOneOfTheSameAttempt() {
        // The worker's clock runs behind the scheduler's: its FINISHED sorts before the scheduler's PENDING.
        TaskHistory h = TaskHistory.fold(List.of(state(0, TaskState.PENDING_NODE_ASSIGNMENT, "owner", "", 10),
                state(0, TaskState.RUNNING, "worker", "w", 11), state(0, TaskState.FINISHED, "worker", "w", 12),
                state(0, TaskState.PENDING_NODE_ASSIGNMENT, "sched", "", 13))).get("t");
        assertEquals("FINISHED", h.row().state());
        assertEquals("worker", h.row().node());
    }

    @Test
    void theLatestAttemptGivesTheRowAndEachAttemptKeepsItsPhases() {
        TaskHistory h = TaskHistory.fold(List.of(state(0, TaskState.RUNNING, "a", "w", 10),
                phase(0, TaskPhase.ARGUMENTS_READY, "a", 11), phase(0, TaskPhase.EXECUTED, "a", 12),
                state(0, TaskState.FAILED, "a", "w", 13), state(1, TaskState.RUNNING, "b", "w2", 20))).get("t");
        assertEquals("RUNNING", h.row().state());
        assertEquals(1, h.row().attempt());
        assertEquals("b", h.row().node());
        List<AttemptRow> attempts = h.attemptRows();
        assertEquals(2, attempts.size());
        assertTrue(attempts.get(0).isComplete(), attempts.toString());
        assertEquals(List.of(10L, 11L, 12L, 13L), List.of(attempts.get(0).startMicros(),
                attempts.get(0).argumentsReadyMicros(), attempts.get(0).executedMicros(), attempts.get(0).endMicros()));
        assertEquals("FAILED", attempts.get(0).state());
    }
}
