package dev.rayo.rl.nn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense multi-layer perceptron: tanh hidden layers and a linear output layer, as RLlib's default fully
 * connected model. The network itself holds only its shape; the parameters live outside in one flat
 * {@code double[]} (per layer: the weights row-major {@code [out][in]}, then the biases), so a learner can
 * ship, perturb, average or save them as one array.
 */
public final class Mlp implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] sizes;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int numParams;

    /**
     * A network shape.
     *
     * @param inputs  the input length
     * @param hidden  the hidden layers' widths (may be empty: a linear model)
     * @param outputs the output length
     */
    public Mlp(int inputs, int[] hidden, int outputs) {
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("inputs and outputs must be positive, got " + inputs + " and " + outputs);
        }
        sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] <= 0) {
                throw new IllegalArgumentException("hidden layer widths must be positive, got " + Arrays.toString(hidden));
            }
            sizes[i + 1] = hidden[i];
        }
        sizes[sizes.length - 1] = outputs;
        int layers = sizes.length - 1;
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = offset;
            offset += sizes[l] * sizes[l + 1];
            biasOffset[l] = offset;
            offset += sizes[l + 1];
        }
        numParams = offset;
    }

    /** How many parameters the flat vector holds. */
    public int numParams() {
        return numParams;
    }

    /** The input length. */
    public int inputs() {
        return sizes[0];
    }

    /** The output length. */
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /**
     * Fresh parameters, RLlib's "normc" initialization: each unit's incoming weight vector is Gaussian rescaled
     * to norm 1.0 (hidden layers) or {@code outputScale} (output layer; 0.01 keeps initial policy logits near
     * uniform), biases zero. Deterministic in {@code seed}.
     */
    public double[] init(long seed, double outputScale) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] params = new double[numParams];
        int layers = sizes.length - 1;
        for (int l = 0; l < layers; l++) {
            double scale = l == layers - 1 ? outputScale : 1.0;
            int in = sizes[l];
            for (int o = 0; o < sizes[l + 1]; o++) {
                int row = weightOffset[l] + o * in;
                double sumSq = 0;
                for (int i = 0; i < in; i++) {
                    double g = Gaussian.sample(random);
                    params[row + i] = g;
                    sumSq += g * g;
                }
                double factor = scale / Math.sqrt(Math.max(sumSq, 1e-12));
                for (int i = 0; i < in; i++) {
                    params[row + i] *= factor;
                }
            }
        }
        return params;
    }

    /** The network's output for input {@code x}. */
    public double[] forward(double[] params, double[] x) {
        checkParams(params);
        checkInput(x);
        double[] a = x;
        for (int l = 0; l < sizes.length - 1; l++) {
            a = layer(params, l, a);
        }
        return a;
    }

    /** The network's output for input {@code x}, keeping every layer's activations for {@link #backward}. */
    public Pass forwardPass(double[] params, double[] x) {
        checkParams(params);
        checkInput(x);
        double[][] activations = new double[sizes.length][];
        activations[0] = x.clone();
        for (int l = 0; l < sizes.length - 1; l++) {
            activations[l + 1] = layer(params, l, activations[l]);
        }
        return new Pass(activations);
    }

    /**
     * Backpropagates {@code dOut} (dLoss/dOutput of {@code pass}) and ADDS dLoss/dParams into {@code gradAccum},
     * so a minibatch's gradients accumulate without a temporary per sample.
     */
    public void backward(double[] params, Pass pass, double[] dOut, double[] gradAccum) {
        backpropagate(params, pass, dOut, gradAccum);
    }

    /** dLoss/dInput for {@code dOut} at {@code pass}, leaving the parameters' gradient alone. */
    public double[] inputGrad(double[] params, Pass pass, double[] dOut) {
        return backpropagate(params, pass, dOut, null);
    }

    private double[] backpropagate(double[] params, Pass pass, double[] dOut, double[] gradAccum) {
        checkParams(params);
        if (gradAccum != null && gradAccum.length != numParams) {
            throw new IllegalArgumentException("gradient has " + gradAccum.length + " entries, expected " + numParams);
        }
        if (dOut.length != outputs()) {
            throw new IllegalArgumentException("dOut has " + dOut.length + " entries, expected " + outputs());
        }
        double[][] act = pass.activations;
        double[] delta = dOut.clone();
        for (int l = sizes.length - 2; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] below = act[l];
            int w = weightOffset[l];
            if (gradAccum != null) {
                for (int o = 0; o < out; o++) {
                    double d = delta[o];
                    if (d == 0) {
                        continue;
                    }
                    int row = w + o * in;
                    for (int i = 0; i < in; i++) {
                        gradAccum[row + i] += d * below[i];
                    }
                    gradAccum[biasOffset[l] + o] += d;
                }
            }
            double[] dBelow = new double[in];
            for (int o = 0; o < out; o++) {
                double d = delta[o];
                if (d == 0) {
                    continue;
                }
                int row = w + o * in;
                for (int i = 0; i < in; i++) {
                    dBelow[i] += params[row + i] * d;
                }
            }
            if (l > 0) {
                // below is tanh's output: d tanh(z)/dz = 1 - tanh(z)^2.
                for (int i = 0; i < in; i++) {
                    dBelow[i] *= 1 - below[i] * below[i];
                }
            }
            delta = dBelow;
        }
        return delta;
    }

    private double[] layer(double[] params, int l, double[] a) {
        int in = sizes[l];
        int out = sizes[l + 1];
        boolean hidden = l < sizes.length - 2;
        double[] z = new double[out];
        int w = weightOffset[l];
        int b = biasOffset[l];
        for (int o = 0; o < out; o++) {
            double s = params[b + o];
            int row = w + o * in;
            for (int i = 0; i < in; i++) {
                s += params[row + i] * a[i];
            }
            z[o] = hidden ? Math.tanh(s) : s;
        }
        return z;
    }

    private void checkParams(double[] params) {
        if (params.length != numParams) {
            throw new IllegalArgumentException("parameters have " + params.length + " entries, expected " + numParams);
        }
    }

    private void checkInput(double[] x) {
        if (x.length != inputs()) {
            throw new IllegalArgumentException("input has " + x.length + " entries, expected " + inputs());
        }
    }

    @Override
    public String toString() {
        return "Mlp" + Arrays.toString(sizes);
    }

    /** One forward pass's activations (input, each hidden layer, output), the state {@link #backward} needs. */
    public static final class Pass {
        private final double[][] activations;

        Pass(double[][] activations) {
            this.activations = activations;
        }

        /** The network's output for this pass. */
        public double[] output() {
            return activations[activations.length - 1];
        }
    }
}
