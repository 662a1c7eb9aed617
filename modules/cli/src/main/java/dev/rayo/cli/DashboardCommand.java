package dev.rayo.cli;

import dev.rayo.runtime.state.ClusterState;
import dev.rayo.runtime.state.NodeRow;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code rayo dashboard}: prints the URL of the dashboard that the member at {@code --address} serves, or, when
 * it serves none, that of another member (any member can serve the whole cluster's dashboard).
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Print the URL of a Rayo cluster's dashboard (the one the node at --address serves, else any member's).")
final class DashboardCommand extends StateCommand {
    @Override
    void run(ClusterClient client, PrintWriter out) throws Exception {
        List<NodeRow> nodes = await(client.runtime().clusterState().nodes()).rows();
        String asked = ClusterState.nodeIdOf(cluster.address.strip());
        Optional<NodeRow> serving = nodes.stream().filter(n -> n.nodeId().equals(asked) && !n.dashboardUrl().isEmpty())
                .findFirst()
                .or(() -> nodes.stream().filter(n -> !n.dashboardUrl().isEmpty())
                        .min(Comparator.comparing((NodeRow n) -> !n.roles().contains("head")).thenComparing(NodeRow::nodeId)));
        if (serving.isEmpty()) {
            throw new IllegalStateException("no member of the cluster at " + cluster.address + " serves a dashboard "
                    + "(start one with `rayo start --head`, or set rayo.dashboard.enabled = on)");
        }
        out.println(serving.get().dashboardUrl());
    }
}
