package dev.rayo.runtime.events;

/**
 * The marks inside one running attempt that split it into the timeline's three phases: from
 * {@link TaskState#RUNNING} to {@link #ARGUMENTS_READY} is {@code task:deserialize_arguments}, from there to
 * {@link #EXECUTED} is {@code task:execute}, and from there to the attempt's final state is
 * {@code task:store_outputs} (the seed's get arguments, execute, store outputs).
 */
public enum TaskPhase {
    /** The arguments are resolved and decoded; the user's code starts. */
    ARGUMENTS_READY,
    /** The user's code returned or threw; storing outputs starts. */
    EXECUTED
}
