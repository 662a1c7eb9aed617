package dev.rayo.runtime.state;

/**
 * One entry of a task's state history.
 *
 * @param attempt     the attempt it belongs to
 * @param state       the state entered
 * @param node        where
 * @param epochMicros when
 */
public record StateChange(int attempt, String state, String node, long epochMicros) {
}
