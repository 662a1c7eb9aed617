package dev.rayo.tune;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sampled configs are long doubles: the table must still show every parameter's value. */
class ProgressTableTest {

    @Test
    void everyParameterShowsWithFourSignificantDigits() {
        TrialState trial = new TrialState("trial_00000", 0,
                Map.of("lr", 0.000123456789, "clipParam", 0.378912345678, "hidden", 64));
        String table = ProgressTable.render(List.of(trial), "episode_return_mean", 2);
        assertTrue(table.contains("clipParam=0.3789, hidden=64, lr=0.0001235"), table);
    }
}
