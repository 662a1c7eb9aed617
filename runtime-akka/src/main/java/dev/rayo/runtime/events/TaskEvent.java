package dev.rayo.runtime.events;

import dev.rayo.runtime.wire.RayoMessage;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of one task attempt on one node: a state change ({@code state} set, {@code phase} null) or a phase
 * mark inside a running attempt ({@code phase} set, {@code state} null). Immutable, and small enough that the
 * hot path allocates one per step and nothing else.
 *
 * @param taskId      the task (or actor call) id
 * @param name        its display name: the function, or {@code Class.method}
 * @param attempt     0 for the first attempt
 * @param state       the state entered, or null for a phase mark
 * @param phase       the phase mark, or null for a state change
 * @param nodeId      the node where it happened ({@code host:port})
 * @param actorId     the actor of an actor call, or empty
 * @param worker      the thread that ran the code (empty where no code runs: submission, scheduling)
 * @param epochMicros when, in microseconds since the epoch (the node's clock)
 * @param error       the error's class and message for {@link TaskState#FAILED}, else empty
 * @param submission  what the owner knew when it submitted (only on the owner's first event), else null
 */
public record TaskEvent(String taskId, String name, int attempt, TaskState state, TaskPhase phase, String nodeId,
                        String actorId, String worker, long epochMicros, String error, Submission submission)
        implements RayoMessage {

    /**
     * The parts of a task's spec that the dashboard shows, recorded once by the owner.
     *
     * @param owner      the owner's node id
     * @param resources  the logical resources it asked for
     * @param returnIds  the objects it returns
     * @param maxRetries how often it may run again
     * @param argRefs    the ids of the objects passed as arguments (its dependencies)
     */
    public record Submission(String owner, ResourceSet resources, List<String> returnIds, int maxRetries,
                             List<String> argRefs) implements RayoMessage {

        /** What {@code spec}, submitted by {@code owner}, shows; shares the spec's immutable parts. */
        public static Submission of(String owner, TaskSpec spec) {
            List<String> refs = List.of();
            for (TaskArg arg : spec.args()) {
                if (arg instanceof TaskArg.Ref r) {
                    if (refs.isEmpty()) {
                        refs = new ArrayList<>(2);
                    }
                    refs.add(r.ref().id());
                }
            }
            return new Submission(owner, spec.resources(), spec.returnIds(), spec.maxRetries(), refs);
        }

        /** Whether the task waits for another task's output before it can be scheduled. */
        public boolean waitsForArguments() {
            return !argRefs.isEmpty();
        }
    }
}
