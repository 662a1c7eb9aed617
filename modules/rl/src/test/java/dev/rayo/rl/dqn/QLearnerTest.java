package dev.rayo.rl.dqn;

import dev.rayo.rl.nn.Mlp;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay buffer's ring and the Q-learner's regression towards its targets. */
class QLearnerTest {

    @Test
    void theBufferKeepsTheNewestCapacityTransitions() {
        ReplayBuffer buffer = new ReplayBuffer(3, 1);
        buffer.add(fragment(0, 1, 2, 3, 4));
        assertEquals(3, buffer.size());
        double sum = 0;
        for (int slot = 0; slot < 3; slot++) {
            assertEquals(buffer.observation(slot)[0], buffer.reward(slot));
            sum += buffer.reward(slot);
        }
        assertEquals(2 + 3 + 4, sum);
    }

    /** Terminal one-step transitions: Q(s, a) must converge to the reward, whatever the target network says. */
    @Test
    void updatesFitTerminalRewards() {
        Mlp q = new Mlp(1, new int[] {16}, 2);
        QLearner learner = new QLearner(q, q.init(3, 1.0), 0.01, 0.99, true, 10);
        ReplayBuffer buffer = new ReplayBuffer(100, 1);
        buffer.add(fragment(0, 1, 2, 3, 4));
        SplittableRandom random = new SplittableRandom(4);
        double first = learner.update(buffer, buffer.sample(16, random));
        double last = first;
        for (int i = 0; i < 2000; i++) {
            last = learner.update(buffer, buffer.sample(16, random));
        }
        assertTrue(last < first / 100, "loss " + first + " -> " + last);
        assertEquals(3.0, q.forward(learner.params(), new double[] {3})[1], 0.1);
    }

    /** Transitions with observation = reward = v, action 1, all terminal. */
    private static Transitions fragment(double... values) {
        int n = values.length;
        int[] actions = new int[n];
        boolean[] terminated = new boolean[n];
        java.util.Arrays.fill(actions, 1);
        java.util.Arrays.fill(terminated, true);
        return new Transitions(1, values.clone(), actions, values.clone(), values.clone(), terminated, new double[0]);
    }
}
