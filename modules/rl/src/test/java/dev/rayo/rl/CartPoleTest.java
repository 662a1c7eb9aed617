package dev.rayo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * CartPole against Gymnasium's cartpole.py equations, written out independently here step by step, and its
 * episode boundaries: termination at |x| > 2.4 or |theta| > 12 degrees, truncation at 500, reward on the last step.
 */
class CartPoleTest {
    /** One Euler step of cartpole.py, from the equations (Florian 2007, as the Gymnasium source comments). */
    static double[] reference(double[] s, int action) {
        double g = 9.8;
        double mc = 1.0;
        double mp = 0.1;
        double l = 0.5;
        double f = action == 1 ? 10.0 : -10.0;
        double m = mc + mp;
        double x = s[0];
        double xd = s[1];
        double th = s[2];
        double thd = s[3];
        double temp = (f + mp * l * thd * thd * Math.sin(th)) / m;
        double thacc = (g * Math.sin(th) - Math.cos(th) * temp) / (l * (4.0 / 3.0 - mp * Math.cos(th) * Math.cos(th) / m));
        double xacc = temp - mp * l * thacc * Math.cos(th) / m;
        return new double[] {x + 0.02 * xd, xd + 0.02 * xacc, th + 0.02 * thd, thd + 0.02 * thacc};
    }

    @Test
    void stepsFollowTheEquationsUntilTermination() {
        SplittableRandom policy = new SplittableRandom(3);
        for (long seed = 0; seed < 20; seed++) {
            CartPole env = new CartPole();
            double[] s = env.reset(seed);
            for (double v : s) {
                assertTrue(v >= -0.05 && v < 0.05, "reset state within +-0.05: " + v);
            }
            assertArrayEquals(s, new CartPole().reset(seed));
            int steps = 0;
            while (true) {
                int a = policy.nextInt(2);
                double[] expected = reference(s, a);
                StepResult r = env.step(a);
                steps++;
                assertArrayEquals(expected, r.observation(), 0.0, "seed " + seed + " step " + steps);
                assertEquals(1.0, r.reward());
                boolean out = Math.abs(expected[0]) > 2.4 || Math.abs(expected[2]) > 12 * 2 * Math.PI / 360;
                assertEquals(out, r.terminated(), "seed " + seed + " step " + steps);
                assertFalse(r.truncated());
                if (r.terminated()) {
                    break;
                }
                s = r.observation();
            }
            // Gymnasium pays nothing for steps after termination.
            assertEquals(0.0, env.step(0).reward());
        }
    }

    @Test
    void truncatesAt500WithRewardOnTheLastStep() {
        CartPole env = new CartPole();
        double[] s = env.reset(1);
        double total = 0;
        for (int t = 1; t <= 500; t++) {
            // A hand-made balancing controller keeps the pole up for the whole episode.
            int a = s[2] + 0.5 * s[3] + 0.01 * s[0] + 0.1 * s[1] > 0 ? 1 : 0;
            StepResult r = env.step(a);
            total += r.reward();
            assertFalse(r.terminated(), "terminated at " + t);
            assertEquals(t == 500, r.truncated(), "truncated at " + t);
            s = r.observation();
        }
        assertEquals(500.0, total);
    }

    @Test
    void thresholdIsTwelveDegreesAndBadActionsAreRejected() {
        assertEquals(0.20943951023931953, CartPole.THETA_THRESHOLD, 1e-17);
        CartPole env = new CartPole();
        assertThrows(IllegalStateException.class, () -> env.step(0));
        env.reset(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(2));
        assertTrue(e.getMessage().contains("2"));
    }
}
