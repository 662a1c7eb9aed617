package dev.rayo.it;

import dev.rayo.api.ActorLifetime;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;

/**
 * A second driver in its own JVM, in namespace {@code args[1]}: it creates an actor named {@code args[2]}
 * (starting at 1000), prints READY and its actor's id, and waits to be killed. It ships the code path
 * {@code args[3]} to the nodes, as the test driver does.
 */
public final class NamespaceDriver {
    private NamespaceDriver() {
    }

    public static void main(String[] args) throws Exception {
        Rayo.init(RayoConfig.builder().address(args[0]).namespace(args[1]).set("rayo.code-path", java.util.List.of(args[3]))
                .build());
        String id = Rayo.actor(ClusterFns.Tally::new, 1000).setName(args[2]).setLifetime(ActorLifetime.DETACHED).remote().actorId();
        System.out.println("READY " + id);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
