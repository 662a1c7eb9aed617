package dev.rayo.tune;

import java.util.List;
import java.util.Random;

/**
 * How PBT's explore step changes one hyper-parameter of a donor's config (Ray's {@code hyperparam_mutations}):
 * either a list of allowed values or a numeric range.
 */
sealed interface PbtMutation {
    /**
     * The explored value: with probability {@code resampleProbability} (or when {@code current} is not a valid
     * starting point) a fresh draw, otherwise a small perturbation of {@code current}.
     */
    Object explore(Object current, double resampleProbability, Random random);

    /** Categorical values in order: explore steps to a neighbour (clamped at the ends) or resamples one. */
    record Values(List<Object> values) implements PbtMutation {
        public Values {
            values = List.copyOf(values);
        }

        @Override
        public Object explore(Object current, double resampleProbability, Random random) {
            int index = indexOf(current);
            if (index < 0 || random.nextDouble() < resampleProbability) {
                return values.get(random.nextInt(values.size()));
            }
            int step = random.nextDouble() > 0.5 ? -1 : 1;
            return values.get(Math.max(0, Math.min(values.size() - 1, index + step)));
        }

        /** Numbers match by value, so a config's {@code 1} finds a mutation's {@code 1.0}. */
        private int indexOf(Object current) {
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                boolean same = v instanceof Number a && current instanceof Number b
                        ? Double.compare(a.doubleValue(), b.doubleValue()) == 0
                        : v.equals(current);
                if (same) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * A continuous range: explore multiplies by 1.2 or 0.8, clipped to {@code [lo, hi]}, or resamples uniformly.
     * Integer (and long) values stay integral.
     */
    record Range(double lo, double hi) implements PbtMutation {
        @Override
        public Object explore(Object current, double resampleProbability, Random random) {
            double next;
            if (!(current instanceof Number n) || random.nextDouble() < resampleProbability) {
                next = lo + (hi - lo) * random.nextDouble();
            } else {
                double factor = random.nextDouble() > 0.5 ? 1.2 : 0.8;
                next = Math.max(lo, Math.min(hi, n.doubleValue() * factor));
            }
            if (current instanceof Integer) {
                return (int) Math.round(next);
            }
            if (current instanceof Long) {
                return Math.round(next);
            }
            return next;
        }
    }
}
