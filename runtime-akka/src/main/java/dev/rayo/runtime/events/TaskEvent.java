package dev.rayo.runtime.events;

/**
 * One step in a task's life, for the dashboard and the timeline.
 *
 * @param taskId       the task (or actor call) id
 * @param name         its display name
 * @param kind         which step
 * @param nodeId       the node where it happened
 * @param workerThread the thread that ran the code (empty before it started)
 * @param epochMicros  when, in microseconds since the epoch
 * @param detail       the error's class and message for {@link Kind#FAILED}, else empty
 */
public record TaskEvent(String taskId, String name, Kind kind, String nodeId, String workerThread,
                        long epochMicros, String detail) {

    /** The steps of a task's life. */
    public enum Kind { SUBMITTED, STARTED, FINISHED, FAILED }
}
