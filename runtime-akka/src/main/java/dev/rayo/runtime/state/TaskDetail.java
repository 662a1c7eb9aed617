package dev.rayo.runtime.state;

import java.util.List;
import java.util.Map;

/**
 * A task in full: its row, its spec as the owner recorded it, its state history and its attempts.
 *
 * @param task       the summary row
 * @param resources  the logical resources it asked for (empty when the owner's event was dropped)
 * @param returnIds  the objects it returns
 * @param maxRetries how often it may run again
 * @param argRefs    the objects passed to it as arguments
 * @param history    every state it entered, in order
 * @param attempts   every attempt seen, in order
 */
public record TaskDetail(TaskRow task, Map<String, Double> resources, List<String> returnIds, int maxRetries,
                         List<String> argRefs, List<StateChange> history, List<AttemptRow> attempts) {
}
