package dev.rayo.rl.runner;

import dev.rayo.rl.Env;
import dev.rayo.rl.StepResult;

/** Small envs for the runner tests: a counter whose episodes last a fixed number of steps, and broken ones. */
final class TestEnvs {
    private TestEnvs() {
    }

    /** Observation [t, seed-derived value]; reward = action; episodes of {@code length} steps. */
    static final class Counter implements Env {
        private final int length;
        private final int obsSize;
        private final int actions;
        private final int rejectFrom;
        private int t;
        private double start;

        Counter(int length) {
            this(length, 2, 2, Integer.MAX_VALUE);
        }

        /** An env that lies: it returns obsSize-long observations, and throws on actions >= rejectFrom. */
        Counter(int length, int obsSize, int actions, int rejectFrom) {
            this.length = length;
            this.obsSize = obsSize;
            this.actions = actions;
            this.rejectFrom = rejectFrom;
        }

        @Override
        public int observationSize() {
            return 2;
        }

        @Override
        public int numActions() {
            return actions;
        }

        @Override
        public double[] reset(long seed) {
            t = 0;
            start = new java.util.SplittableRandom(seed).nextDouble();
            return obs();
        }

        @Override
        public StepResult step(int action) {
            if (action >= rejectFrom) {
                throw new IndexOutOfBoundsException("no action " + action);
            }
            t++;
            return new StepResult(obs(), action, t >= length, false);
        }

        private double[] obs() {
            double[] o = new double[obsSize];
            o[0] = t;
            if (obsSize > 1) {
                o[1] = start;
            }
            return o;
        }
    }
}
