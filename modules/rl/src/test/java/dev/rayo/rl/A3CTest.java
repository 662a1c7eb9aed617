package dev.rayo.rl;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A3C learns CartPole with the default config, applying runners' gradients as they arrive. */
class A3CTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @Test
    void learnsCartPoleWithTheDefaultConfig() {
        A3C a3c = A3C.config().env(CartPole::new).seed(1).build();
        try {
            List<String> curve = LearningRun.untilEvaluationReaches(a3c, 200, 40);
            double score = a3c.evaluate(100);
            assertTrue(score >= 200, "evaluate(100) = " + score + " after " + curve);
            // one gradient per fragment of at most 20 steps: the learner applied them one by one as they came
            IterationResult last = a3c.history().get(a3c.iteration() - 1);
            assertTrue(last.metrics().get("gradientsApplied") >= a3c.timestepsTotal() / 20.0, last.metrics().toString());
        } finally {
            a3c.stop();
        }
    }

    /** In the driver the gradients arrive in a fixed order, so the same seed gives the same curve. */
    @Test
    void theSameSeedGivesTheSameCurveWithZeroRunners() {
        assertEquals(curve(3), curve(3));
    }

    @Test
    void badSettingsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> A3C.config().rolloutFragmentLength(0));
        assertTrue(e.getMessage().contains("rolloutFragmentLength"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> A3C.config().entropyCoeff(-1));
        A3C ok = A3C.config().env(CartPole::new).numEnvRunners(0).timestepsPerIteration(50).build();
        try {
            assertEquals(1, ok.train().iteration(), "the runtime still serves");
        } finally {
            ok.stop();
        }
    }

    private static List<Object> curve(long seed) {
        return LearningRun.curve(A3C.config().env(CartPole::new).numEnvRunners(0).seed(seed).timestepsPerIteration(500).build());
    }
}
