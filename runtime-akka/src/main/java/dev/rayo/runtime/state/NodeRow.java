package dev.rayo.runtime.state;

import java.util.List;
import java.util.Map;

/**
 * One node: its membership, resources and store, from the gossiped node table and its own answer.
 *
 * @param nodeId              {@code host:port}
 * @param address             its Akka address
 * @param state               its membership status ({@code ALIVE} when Up; else Akka's status name)
 * @param resourcesTotal      the logical resources it offers
 * @param resourcesAvailable  of those, what is free
 * @param storeUsedBytes      bytes in its host's object store
 * @param storeCapacityBytes  the store's capacity
 * @param roles               its cluster roles
 * @param dashboardUrl        the dashboard it serves, else empty
 * @param eventsRecorded      task events it recorded
 * @param eventsDropped       of those, how many its bounded log overwrote
 */
public record NodeRow(String nodeId, String address, String state, Map<String, Double> resourcesTotal,
                      Map<String, Double> resourcesAvailable, long storeUsedBytes, long storeCapacityBytes,
                      List<String> roles, String dashboardUrl, long eventsRecorded, long eventsDropped) {
}
