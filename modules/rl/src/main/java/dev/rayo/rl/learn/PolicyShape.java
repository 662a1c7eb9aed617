package dev.rayo.rl.learn;

import dev.rayo.rl.nn.Mlp;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The layer sizes of a network, small and serializable, so tasks carry the shape and every env runner builds (and
 * caches) its own {@link Mlp} rather than shipping one.
 *
 * @param inputs  the observation size
 * @param hidden  the hidden layers' sizes
 * @param outputs logits, Q-values or a single value
 */
public record PolicyShape(int inputs, int[] hidden, int outputs) implements Serializable {

    /** A network of this shape. */
    public Mlp mlp() {
        return new Mlp(inputs, hidden, outputs);
    }

    /** A readable, value-based key, for runner caches (arrays compare by identity). */
    @Override
    public String toString() {
        return inputs + "x" + Arrays.toString(hidden) + "x" + outputs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyShape p && p.inputs == inputs && p.outputs == outputs
                && Arrays.equals(p.hidden, hidden);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * inputs + Arrays.hashCode(hidden)) + outputs;
    }
}
