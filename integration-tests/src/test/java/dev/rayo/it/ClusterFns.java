package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.Rayo;

import java.util.Random;

/** Task and actor code run by the multi-node tests; the nodes load it from the test classpath. */
public final class ClusterFns {
    private ClusterFns() {
    }

    public static String whereAmI(int millis) throws InterruptedException {
        Thread.sleep(millis);
        return Rayo.getRuntimeContext().nodeId();
    }

    public static byte[] makeBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static double[] makeDoubles(int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i % 13;
        }
        return d;
    }

    public static String sumAndWhere(double[] d) {
        double s = 0;
        for (double v : d) {
            s += v;
        }
        return (long) s + "@" + Rayo.getRuntimeContext().nodeId();
    }

    /** Whether the store of the node running this task holds object {@code objectId}. */
    public static boolean storeHolds(String objectId) {
        return ((dev.rayo.runtime.AkkaRayoRuntime) Rayo.runtime()).store().contains(objectId);
    }

    public static int plusOne(int x) {
        return x + 1;
    }

    public static String callTally(ActorHandle<Tally> tally, int n) {
        int total = Rayo.get(tally.task(Tally::add, n).remote());
        String actorNode = Rayo.get(tally.task(Tally::node).remote());
        return total + " task@" + Rayo.getRuntimeContext().nodeId() + " actor@" + actorNode;
    }

    public static int lookupAndAdd(String name, int n) {
        ActorHandle<Tally> t = Rayo.<Tally>getActor(name).orElseThrow(() -> new IllegalStateException("no actor " + name));
        return Rayo.get(t.task(Tally::add, n).remote());
    }

    /** A small stateful actor. */
    public static class Tally {
        private int total;

        public Tally() {
        }

        public Tally(int start) {
            total = start;
        }

        public int add(int n) {
            total += n;
            return total;
        }

        public int slowAdd(int n, int millis) throws InterruptedException {
            Thread.sleep(millis);
            return add(n);
        }

        public String node() {
            return Rayo.getRuntimeContext().nodeId();
        }
    }
}
