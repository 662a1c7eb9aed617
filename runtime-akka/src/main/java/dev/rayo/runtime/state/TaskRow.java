package dev.rayo.runtime.state;

/**
 * One task or actor call, merged from what its owner, the schedulers and its workers recorded: the state and
 * node of its latest attempt. Times are microseconds since the epoch, 0 when not known (the event was dropped
 * or has not happened).
 *
 * @param taskId          the task id
 * @param name            the function or {@code Class.method}
 * @param state           a {@link dev.rayo.runtime.events.TaskState} name
 * @param node            the node of the latest attempt (where it runs or ran; the owner's before that)
 * @param attempt         the latest attempt, 0 for the first
 * @param actorId         the actor of an actor call, else empty
 * @param error           the latest attempt's error, else empty
 * @param owner           the node that submitted it and owns its results
 * @param submittedMicros when the owner submitted it
 * @param startedMicros   when the latest attempt started running
 * @param endedMicros     when the latest attempt finished or failed
 */
public record TaskRow(String taskId, String name, String state, String node, int attempt, String actorId, String error,
                      String owner, long submittedMicros, long startedMicros, long endedMicros) {

    /** How long the latest attempt ran, in microseconds, or -1 while it has not ended (or was not seen start). */
    public long durationMicros() {
        return startedMicros > 0 && endedMicros >= startedMicros ? endedMicros - startedMicros : -1;
    }
}
