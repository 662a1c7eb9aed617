package dev.rayo.rl;

import java.util.SplittableRandom;

/**
 * Gymnasium's CartPole-v1 ({@code gymnasium/envs/classic_control/cartpole.py} with the v1 time limit), computed
 * in double precision: a pole on a cart pushed left (action 0) or right (action 1) by a force of 10 N, integrated
 * with explicit Euler steps of 0.02 s. The observation is {@code [x, x_dot, theta, theta_dot]}; an episode is
 * terminated when |x| > 2.4 or |theta| > 12 degrees and truncated after 500 steps; every step, the last included,
 * earns 1.0. {@link #reset} draws each state variable uniformly from [-0.05, 0.05) with the given seed.
 */
public final class CartPole implements Env {
    /** Gravity, m/s^2. */
    public static final double GRAVITY = 9.8;
    /** Cart mass, kg. */
    public static final double MASS_CART = 1.0;
    /** Pole mass, kg. */
    public static final double MASS_POLE = 0.1;
    /** Half the pole's length, m (Gymnasium calls it {@code length}). */
    public static final double HALF_LENGTH = 0.5;
    /** The push's magnitude, N. */
    public static final double FORCE_MAG = 10.0;
    /** Seconds per step. */
    public static final double TAU = 0.02;
    /** |theta| beyond this terminates: 12 degrees in radians, as Gymnasium computes it. */
    public static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
    /** |x| beyond this terminates. */
    public static final double X_THRESHOLD = 2.4;
    /** CartPole-v1's time limit. */
    public static final int MAX_EPISODE_STEPS = 500;

    private static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    private static final double POLEMASS_LENGTH = MASS_POLE * HALF_LENGTH;

    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;
    private int steps;
    private boolean started;
    private boolean done;

    /** A cart-pole; call {@link #reset} before the first step. */
    public CartPole() {
    }

    @Override
    public int observationSize() {
        return 4;
    }

    @Override
    public int numActions() {
        return 2;
    }

    @Override
    public double[] reset(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        x = uniform(random);
        xDot = uniform(random);
        theta = uniform(random);
        thetaDot = uniform(random);
        steps = 0;
        started = true;
        done = false;
        return observation();
    }

    @Override
    public StepResult step(int action) {
        if (action != 0 && action != 1) {
            throw new IllegalArgumentException("CartPole action must be 0 or 1, got " + action);
        }
        if (!started) {
            throw new IllegalStateException("CartPole.step before reset");
        }
        double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double temp = (force + POLEMASS_LENGTH * thetaDot * thetaDot * sin) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sin - cos * temp)
                / (HALF_LENGTH * (4.0 / 3.0 - MASS_POLE * cos * cos / TOTAL_MASS));
        double xAcc = temp - POLEMASS_LENGTH * thetaAcc * cos / TOTAL_MASS;
        // Euler, in Gymnasium's order: positions from the old velocities.
        x = x + TAU * xDot;
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;
        steps++;
        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD || theta > THETA_THRESHOLD;
        // Gymnasium pays 1.0 up to and including the terminating step, and 0.0 for steps taken after it.
        double reward = done ? 0.0 : 1.0;
        done |= terminated;
        // The v1 TimeLimit wrapper truncates at 500 steps whether or not the step also terminated.
        boolean truncated = steps >= MAX_EPISODE_STEPS;
        return new StepResult(observation(), reward, terminated, truncated);
    }

    private double[] observation() {
        return new double[] {x, xDot, theta, thetaDot};
    }

    private static double uniform(SplittableRandom random) {
        return -0.05 + 0.1 * random.nextDouble();
    }
}
