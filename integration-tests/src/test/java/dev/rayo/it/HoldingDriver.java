package dev.rayo.it;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * A driver in its own JVM for the "driver killed" test: it makes large objects on the workers, holds
 * their refs, prints READY and waits to be killed.
 */
public final class HoldingDriver {
    private HoldingDriver() {
    }

    public static void main(String[] args) throws Exception {
        Rayo.init(RayoConfig.builder().address(args[0]).build());
        List<ObjectRef<double[]>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(Rayo.task(ClusterFns::makeDoubles, 250_000).setResource(args[1], 1).remote());
        }
        Rayo.wait(held);
        StringBuilder ids = new StringBuilder();
        for (ObjectRef<double[]> ref : held) {
            ids.append(ids.length() == 0 ? "" : ",").append(ref.id());
        }
        System.out.println("READY " + ids);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
