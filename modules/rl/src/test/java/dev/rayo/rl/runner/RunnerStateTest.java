package dev.rayo.rl.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rayo.rl.StepResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RunnerState tracks and restarts episodes and guards the env's contract. */
class RunnerStateTest {
    @Test
    void episodesContinueAcrossCallsAndRestartWithFreshSeeds() {
        RunnerState s = new RunnerState(() -> new TestEnvs.Counter(3), 0, 42);
        double firstStart = s.observation()[1];
        s.step(1);
        s.step(1);
        assertEquals(2.0, s.observation()[0]);
        StepResult last = s.step(0);
        assertTrue(last.terminated());
        assertEquals(3.0, last.observation()[0]); // the final observation, for bootstrapping
        assertEquals(0.0, s.observation()[0]);    // a new episode has started
        assertNotEquals(firstStart, s.observation()[1]);
        assertEquals(List.of(2.0), s.drainEpisodeReturns());
        assertEquals(List.of(), s.drainEpisodeReturns());
        assertEquals(3, s.timesteps());

        RunnerState same = new RunnerState(() -> new TestEnvs.Counter(3), 0, 42);
        assertEquals(firstStart, same.observation()[1]);
        assertEquals(new RunnerState(() -> new TestEnvs.Counter(3), 0, 42).random().nextLong(), same.random().nextLong());
    }

    @Test
    void actionOutOfRangeAndWrongObservationSizeAreNamed() {
        RunnerState s = new RunnerState(() -> new TestEnvs.Counter(3), 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.step(2));
        assertTrue(e.getMessage().contains("action 2") && e.getMessage().contains("0..1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.step(-1));

        RunnerState bad = new RunnerState(() -> new TestEnvs.Counter(3, 3, 2, 9), 0, 1);
        e = assertThrows(IllegalArgumentException.class, bad::observation);
        assertTrue(e.getMessage().contains("size 3") && e.getMessage().contains("expected 2"), e.getMessage());
    }
}
