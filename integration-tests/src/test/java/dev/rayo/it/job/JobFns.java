package dev.rayo.it.job;

import dev.rayo.api.Rayo;

/** Code of a "job" that the nodes of {@code CodeShippingTest} don't have on their classpath. */
public final class JobFns {
    private JobFns() {
    }

    public static String greet(String who) {
        return "hello " + who + " from " + Rayo.getRuntimeContext().nodeId();
    }

    public static JobValue wrap(int n) {
        return new JobValue(n * 2);
    }

    /** A job-specific value class, shipped with the job too. */
    public record JobValue(int doubled) {
    }

    /** A job-specific actor class. */
    public static class Greeter {
        private int calls;

        public Greeter() {
        }

        public String greet(String who) {
            calls++;
            return "greeting #" + calls + " for " + who;
        }

        /** Takes a class of another job's code ({@code job2}), which this job does not ship. */
        public String greetBadge(dev.rayo.it.job2.Badge badge) {
            return greet(badge.holder());
        }
    }
}
