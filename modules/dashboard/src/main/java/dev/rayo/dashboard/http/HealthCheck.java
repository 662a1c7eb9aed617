package dev.rayo.dashboard.http;

import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCodes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rayo.runtime.AkkaRayoRuntime;

/**
 * {@code GET /api/health} for load balancers and Kubernetes probes: 200 {@code {"status":"UP"}} while this node
 * is an {@code Up} member of its cluster and its runtime (the scheduler) runs, else 503 {@code "DOWN"}. It asks
 * no other node, so it answers at once and says only what this node knows of itself.
 */
public final class HealthCheck {
    private final AkkaRayoRuntime runtime;

    /** The health of {@code runtime}'s node. */
    public HealthCheck(AkkaRayoRuntime runtime) {
        this.runtime = runtime;
    }

    /** The answer now. */
    public HttpResponse check() {
        Member self = Cluster.get(runtime.system()).selfMember();
        boolean up = self.status() == MemberStatus.up();
        boolean running = runtime.isRunning();
        ObjectNode json = JsonResponses.object();
        json.put("status", up && running ? "UP" : "DOWN");
        json.put("node", runtime.nodeId());
        json.put("member_status", self.status().toString());
        json.put("scheduler_running", running);
        return JsonResponses.json(up && running ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, json);
    }
}
