package dev.rayo.runtime.state;

import java.util.List;

/**
 * What the cluster answered: the rows, how many task events the nodes had to drop (their bounded logs), and
 * the nodes that did not answer in time, so a view that misses part of the cluster says so.
 *
 * @param rows       the rows
 * @param dropped    events dropped by the answering nodes
 * @param unanswered the nodes that did not answer
 * @param <T>        the row type
 */
public record Answer<T>(List<T> rows, long dropped, List<String> unanswered) {
}
