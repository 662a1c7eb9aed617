package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorLifetime;
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

    /** Sleeps {@code millis} unless interrupted (cancelled), then names its node. */
    public static String sleepOrCancel(int millis) throws InterruptedException {
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

    /** Creates an actor named {@code name} (in the task's namespace: its driver's) on worker 1. */
    public static String createNamed(String name) {
        return Rayo.actor(Tally::new, 100).setName(name).setLifetime(ActorLifetime.DETACHED).setResource("OnlyW1", 1).remote().actorId();
    }

    /** Whether an actor named {@code name} lives in {@code namespace}. */
    public static boolean existsIn(String name, String namespace) {
        return Rayo.getActor(name, namespace).isPresent();
    }

    /**
     * Waits until {@code atMillis} (wall clock), then tries to create an actor named {@code name}: its id when
     * this creator won the name, "" when another had it.
     */
    public static String claimAt(String name, long atMillis) throws InterruptedException {
        long wait = atMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        try {
            return Rayo.actor(Tally::new).setName(name).setLifetime(ActorLifetime.DETACHED).remote().actorId();
        } catch (IllegalArgumentException taken) {
            return "";
        }
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
