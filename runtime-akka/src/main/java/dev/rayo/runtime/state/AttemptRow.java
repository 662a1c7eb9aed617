package dev.rayo.runtime.state;

/**
 * One attempt of a task on one node, with the marks that split it into the timeline's phases. Times are
 * microseconds since the epoch, 0 when not recorded.
 *
 * @param attempt              0 for the first
 * @param node                 the node it ran on
 * @param worker               the thread that ran it
 * @param actorId              the actor of an actor call, else empty
 * @param state                its latest state
 * @param startMicros          when it started running
 * @param argumentsReadyMicros when its arguments were decoded and its code started
 * @param executedMicros       when its code returned
 * @param endMicros            when its outputs were stored (or it failed)
 * @param error                its error, else empty
 */
public record AttemptRow(int attempt, String node, String worker, String actorId, String state, long startMicros,
                         long argumentsReadyMicros, long executedMicros, long endMicros, String error) {

    /** Whether every mark of the attempt was recorded, so the timeline can draw its three phases. */
    public boolean isComplete() {
        return startMicros > 0 && argumentsReadyMicros >= startMicros && executedMicros >= argumentsReadyMicros
                && endMicros >= executedMicros;
    }
}
