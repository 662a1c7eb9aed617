package dev.rayo.tune;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The hyper-parameter search space: grid axes, whose every combination is tried, and random domains, drawn once
 * per trial. {@link #trials} expands it as Ray's basic variant generator does: for each of {@code numSamples}
 * rounds, every grid combination (the first declared grid axis varying fastest), each with fresh draws of the
 * random domains. A space with no parameters gives {@code numSamples} trials with an empty config. Each domain is
 * checked when declared, so an empty or inverted one fails at once with an {@link IllegalArgumentException}
 * naming the parameter, instead of silently producing no trials.
 */
public final class ParamSpace implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Param> params;

    private ParamSpace(List<Param> params) {
        this.params = List.copyOf(params);
    }

    /** A builder for a space; parameters keep the order they are declared in. */
    public static Builder builder() {
        return new Builder();
    }

    /** The empty space: every trial gets an empty config. */
    public static ParamSpace empty() {
        return new ParamSpace(List.of());
    }

    /** The parameter names, in declaration order. */
    public List<String> names() {
        return params.stream().map(Param::name).toList();
    }

    /**
     * The configs of every trial, in creation order: {@code numSamples} rounds of all grid combinations.
     *
     * @param random the draws' source; a seeded one makes the experiment reproducible
     * @throws IllegalArgumentException when {@code numSamples} is below 1
     */
    public List<Map<String, Object>> trials(int numSamples, Random random) {
        if (numSamples < 1) {
            throw new IllegalArgumentException("numSamples must be at least 1, was " + numSamples);
        }
        List<Param> grids = params.stream().filter(p -> p.domain() instanceof Grid).toList();
        int combos = 1;
        for (Param g : grids) {
            combos = Math.multiplyExact(combos, ((Grid) g.domain()).values().size());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int sample = 0; sample < numSamples; sample++) {
            for (int combo = 0; combo < combos; combo++) {
                out.add(resolve(combo, random));
            }
        }
        return out;
    }

    private Map<String, Object> resolve(int combo, Random random) {
        Map<String, Object> config = new LinkedHashMap<>();
        int rest = combo;
        for (Param p : params) {
            if (p.domain() instanceof Grid g) {
                // Mixed radix with the first grid axis as the lowest digit: it varies fastest, as in Ray.
                config.put(p.name(), g.values().get(rest % g.values().size()));
                rest /= g.values().size();
            } else {
                config.put(p.name(), p.domain().draw(random));
            }
        }
        return config;
    }

    @Override
    public String toString() {
        return params.toString();
    }

    /** One named domain. */
    private record Param(String name, Domain domain) implements Serializable {
        @Override
        public String toString() {
            return name + "=" + domain;
        }
    }

    /** Where one parameter's values come from. */
    private sealed interface Domain extends Serializable {
        Object draw(Random random);
    }

    private record Grid(List<Object> values) implements Domain {
        @Override
        public Object draw(Random random) {
            throw new IllegalStateException("grid axes are enumerated, not drawn");
        }
    }

    private record Choice(List<Object> values) implements Domain {
        @Override
        public Object draw(Random random) {
            return values.get(random.nextInt(values.size()));
        }
    }

    private record Uniform(double lo, double hi) implements Domain {
        @Override
        public Object draw(Random random) {
            return lo + (hi - lo) * random.nextDouble();
        }
    }

    private record LogUniform(double lo, double hi) implements Domain {
        @Override
        public Object draw(Random random) {
            return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * random.nextDouble());
        }
    }

    private record RandInt(int lo, int hiExclusive) implements Domain {
        @Override
        public Object draw(Random random) {
            return lo + random.nextInt(hiExclusive - lo);
        }
    }

    private record Constant(Object value) implements Domain {
        @Override
        public Object draw(Random random) {
            return value;
        }
    }

    /** Declares parameters; each method checks its domain and names the parameter when it is bad. */
    public static final class Builder {
        private final Map<String, Param> params = new LinkedHashMap<>();

        private Builder() {
        }

        /** Every value is tried, combined with every value of the other grid axes. */
        public Builder grid(String name, Object... values) {
            return add(name, new Grid(nonEmpty(name, "grid", values)));
        }

        /** One of {@code values}, drawn uniformly for each trial. */
        public Builder choice(String name, Object... values) {
            return add(name, new Choice(nonEmpty(name, "choice", values)));
        }

        /** A double drawn uniformly from [lo, hi). */
        public Builder uniform(String name, double lo, double hi) {
            range(name, "uniform", lo, hi);
            return add(name, new Uniform(lo, hi));
        }

        /** A double whose logarithm is uniform over [log lo, log hi): for learning rates and other scales. */
        public Builder logUniform(String name, double lo, double hi) {
            range(name, "logUniform", lo, hi);
            if (lo <= 0) {
                throw new IllegalArgumentException("parameter '" + name + "': logUniform needs lo > 0, was " + lo);
            }
            return add(name, new LogUniform(lo, hi));
        }

        /** An int drawn uniformly from [lo, hiExclusive). */
        public Builder randInt(String name, int lo, int hiExclusive) {
            range(name, "randInt", lo, hiExclusive);
            return add(name, new RandInt(lo, hiExclusive));
        }

        /** The same value in every trial. */
        public Builder constant(String name, Object value) {
            return add(name, new Constant(value));
        }

        /** The space. */
        public ParamSpace build() {
            return new ParamSpace(new ArrayList<>(params.values()));
        }

        private Builder add(String name, Domain domain) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a parameter needs a non-blank name, was '" + name + "'");
            }
            if (params.containsKey(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is declared twice");
            }
            params.put(name, new Param(name, domain));
            return this;
        }

        private static List<Object> nonEmpty(String name, String kind, Object[] values) {
            if (values == null || values.length == 0) {
                throw new IllegalArgumentException("parameter '" + name + "': " + kind
                        + " needs at least one value, got none");
            }
            return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
        }

        private static void range(String name, String kind, double lo, double hi) {
            if (!(lo < hi)) {
                throw new IllegalArgumentException("parameter '" + name + "': " + kind + " needs lo < hi, was ["
                        + lo + ", " + hi + ")");
            }
        }
    }

}
