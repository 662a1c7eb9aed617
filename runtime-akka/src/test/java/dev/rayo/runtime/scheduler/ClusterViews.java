package dev.rayo.runtime.scheduler;

import dev.rayo.runtime.cluster.ClusterView;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.wire.ResourceSet;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node views for placement tests. A {@link ClusterView} is filled only by the node directory (its mutators
 * are package-private to {@code cluster}), so this calls the same two methods the directory calls: this
 * node's own report, and the gossiped table filtered by the live members.
 */
final class ClusterViews {
    private ClusterViews() {
    }

    /** A node at {@code akka://rayo@<host>:2552} offering {@code total}, of which {@code available} is free. */
    static NodeInfo node(String host, ResourceSet total, ResourceSet available) {
        return new NodeInfo("akka://rayo@" + host + ":2552", host + ":2552", "host-" + host, "/dev/shm/rayo", total,
                available, List.of(), NodeInfo.NodeLoad.NONE, 0);
    }

    /** The view of {@code self}, which also knows {@code others} (all of them live members). */
    static ClusterView viewOf(NodeInfo self, NodeInfo... others) {
        ClusterView view = new ClusterView(self.address());
        invoke(view, "updateSelf", new Class<?>[] {NodeInfo.class}, self);
        Set<String> members = new HashSet<>();
        members.add(self.address());
        Arrays.stream(others).forEach(n -> members.add(n.address()));
        gossip(view, members, others);
        return view;
    }

    /** What the directory does when gossip brings {@code latest} and the live members are {@code members}. */
    static void gossip(ClusterView view, Set<String> members, NodeInfo... latest) {
        Map<String, NodeInfo> table = new HashMap<>();
        Arrays.stream(latest).forEach(n -> table.put(n.address(), n));
        invoke(view, "replaceAll", new Class<?>[] {Map.class, Set.class}, table, members);
    }

    private static void invoke(ClusterView view, String name, Class<?>[] types, Object... args) {
        try {
            Method m = ClusterView.class.getDeclaredMethod(name, types);
            m.setAccessible(true);
            m.invoke(view, args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("ClusterView." + name + " changed: update this test helper", e);
        }
    }
}
