package dev.rayo.rl.nn;

/**
 * The Adam optimizer (Kingma and Ba) over one flat parameter vector, with bias correction, as torch.optim.Adam
 * which RLlib uses by default. Mutable: it keeps the moment estimates between steps, so one learner owns one.
 */
public final class Adam {
    private final double[] m;
    private final double[] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double lr;
    private long t;

    /** Adam with torch's defaults (beta1 0.9, beta2 0.999, eps 1e-8). */
    public Adam(int n, double lr) {
        this(n, lr, 0.9, 0.999, 1e-8);
    }

    /** Adam with every hyper-parameter given. */
    public Adam(int n, double lr, double beta1, double beta2, double eps) {
        if (n <= 0 || !(lr >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("bad Adam settings: n=" + n + " lr=" + lr + " beta1=" + beta1
                    + " beta2=" + beta2 + " eps=" + eps);
        }
        this.m = new double[n];
        this.v = new double[n];
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** One descent step: {@code params -= lr * mHat / (sqrt(vHat) + eps)} for the loss gradient {@code grad}. */
    public void step(double[] params, double[] grad) {
        if (params.length != m.length || grad.length != m.length) {
            throw new IllegalArgumentException("Adam over " + m.length + " parameters got params of "
                    + params.length + " and grad of " + grad.length);
        }
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < params.length; i++) {
            double g = grad[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
        }
    }

    /** The learning rate. */
    public double lr() {
        return lr;
    }

    /** Changes the learning rate (schedules), keeping the moments. */
    public void lr(double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
        }
        this.lr = lr;
    }

    /** How many steps were taken. */
    public long steps() {
        return t;
    }

    /**
     * Scales {@code grad} in place so its global L2 norm is at most {@code maxNorm} (torch's clip_grad_norm_,
     * RLlib's grad_clip) and returns the norm before clipping, for reporting.
     */
    public static double clipByGlobalNorm(double[] grad, double maxNorm) {
        double sumSq = 0;
        for (double g : grad) {
            sumSq += g * g;
        }
        double norm = Math.sqrt(sumSq);
        if (norm > maxNorm && norm > 0) {
            double scale = maxNorm / norm;
            for (int i = 0; i < grad.length; i++) {
                grad[i] *= scale;
            }
        }
        return norm;
    }
}
