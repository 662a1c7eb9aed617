package dev.rayo.rl;

import dev.rayo.rl.a3c.A3CLearner;

import java.util.Map;

/**
 * A3C's settings (RLlib's names). Each env runner computes gradients on fragments of
 * {@link #rolloutFragmentLength} steps; an iteration lasts {@code timestepsPerIteration} applied steps.
 */
public final class A3CConfig extends AlgorithmConfig<A3CConfig> {
    private static final long serialVersionUID = 1L;

    private int rolloutFragmentLength = 20;
    private double entropyCoeff = 0.01;
    private double vfLossCoeff = 0.5;
    private double gradClip = 40;
    private int timestepsPerIteration = 2000;

    A3CConfig() {
        super(1e-3);
    }

    @Override
    public String algorithmName() {
        return "A3C";
    }

    @Override
    public A3C build() {
        return new A3C(this);
    }

    /** Sets the most steps per gradient (a fragment also ends with its episode). */
    public A3CConfig rolloutFragmentLength(int n) {
        this.rolloutFragmentLength = requirePositive("rolloutFragmentLength", n);
        return this;
    }

    /** Steps per gradient, at most. */
    public int rolloutFragmentLength() {
        return rolloutFragmentLength;
    }

    /** Sets the weight of the entropy bonus. */
    public A3CConfig entropyCoeff(double c) {
        this.entropyCoeff = requireNonNegative("entropyCoeff", c);
        return this;
    }

    /** The weight of the entropy bonus. */
    public double entropyCoeff() {
        return entropyCoeff;
    }

    /** Sets the weight of the value loss. */
    public A3CConfig vfLossCoeff(double c) {
        this.vfLossCoeff = requireNonNegative("vfLossCoeff", c);
        return this;
    }

    /** The weight of the value loss. */
    public double vfLossCoeff() {
        return vfLossCoeff;
    }

    /** Sets the applied steps per iteration. */
    public A3CConfig timestepsPerIteration(int n) {
        this.timestepsPerIteration = requirePositive("timestepsPerIteration", n);
        return this;
    }

    /** The learner's settings. */
    A3CLearner.Settings settings() {
        return new A3CLearner.Settings(rolloutFragmentLength, entropyCoeff, vfLossCoeff, lr(), gamma(), gradClip,
                timestepsPerIteration);
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = super.toMap();
        m.put("settings", settings());
        return m;
    }
}
