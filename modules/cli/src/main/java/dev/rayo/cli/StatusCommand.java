package dev.rayo.cli;

import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.runtime.cluster.NodeInfo;
import dev.rayo.runtime.wire.ResourceSet;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code rayo status}: joins the cluster briefly as a client (no resources), reads the gossiped node table
 * and prints every node's resources in use / total, objects and actors.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the nodes of a Rayo cluster and their load.")
final class StatusCommand extends StateCommand {
    private static final long SETTLE_MILLIS = 1500;
    private static final long MAX_WAIT_MILLIS = 15_000;

    @Override
    void run(ClusterClient client, PrintWriter out) throws InterruptedException {
        out.print(render(settledView(client.runtime())));
    }

    /** Waits until the node table stops changing in size, so every node's gossip has arrived. */
    private static List<NodeInfo> settledView(AkkaRayoRuntime client) throws InterruptedException {
        long start = System.currentTimeMillis();
        int lastSize = -1;
        long stableSince = start;
        while (System.currentTimeMillis() - start < MAX_WAIT_MILLIS) {
            int size = clusterNodes(client).size();
            if (size != lastSize) {
                lastSize = size;
                stableSince = System.currentTimeMillis();
            } else if (size > 0 && System.currentTimeMillis() - stableSince >= SETTLE_MILLIS) {
                break;
            }
            Thread.sleep(100);
        }
        return clusterNodes(client);
    }

    private static List<NodeInfo> clusterNodes(AkkaRayoRuntime client) {
        return client.clusterView().nodes().stream().filter(n -> !n.roles().contains("client"))
                .sorted(Comparator.comparing(NodeInfo::nodeId)).toList();
    }

    static String render(List<NodeInfo> nodes) {
        TreeSet<String> names = new TreeSet<>(Comparator.comparing((String r) -> !r.equals(ResourceSet.CPU))
                .thenComparing(r -> !r.equals(ResourceSet.GPU)).thenComparing(r -> r));
        nodes.forEach(n -> names.addAll(n.total().units().keySet()));
        StringBuilder out = new StringBuilder();
        out.append("Rayo cluster: ").append(nodes.size()).append(" node(s)\n");
        out.append(String.format("%-22s %-10s", "NODE", "ROLES"));
        names.forEach(r -> out.append(String.format(" %-14s", r + " used/total")));
        out.append(String.format(" %-18s %8s %7s%n", "STORE used/cap", "OBJECTS", "ACTORS"));
        ResourceSet used = ResourceSet.EMPTY;
        ResourceSet total = ResourceSet.EMPTY;
        for (NodeInfo n : nodes) {
            out.append(String.format("%-22s %-10s", n.nodeId(), String.join(",", n.roles())));
            ResourceSet inUse = n.total().minus(n.available());
            for (String r : names) {
                out.append(String.format(" %-14s", amount(inUse, r) + "/" + amount(n.total(), r)));
            }
            out.append(String.format(" %-18s %8d %7d%n", mib(n.load().storeUsedBytes()) + "/" + mib(n.load().storeCapacityBytes()),
                    n.load().objectsOwned(), n.load().actors()));
            used = used.plus(inUse);
            total = total.plus(n.total());
        }
        out.append("Total:");
        for (Map.Entry<String, Double> e : total.toAmounts().entrySet()) {
            out.append(' ').append(e.getKey()).append(' ').append(amount(used, e.getKey())).append('/')
                    .append(amount(total, e.getKey()));
        }
        return out.append('\n').toString();
    }

    private static String amount(ResourceSet set, String name) {
        double v = set.get(name) / (double) ResourceSet.UNIT;
        return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.2f", v);
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + "MiB";
    }
}
