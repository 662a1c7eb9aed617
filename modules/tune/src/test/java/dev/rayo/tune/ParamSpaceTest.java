package dev.rayo.tune;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a space expands into trials: Ray's order, counts and reproducible draws. */
class ParamSpaceTest {
    @Test
    void gridTimesSamplesInRayOrderWithReproducibleDraws() {
        ParamSpace space = ParamSpace.builder().grid("a", 1, 2).uniform("lr", 0.1, 0.2).grid("b", "x", "y")
                .logUniform("wd", 1e-5, 1e-1).randInt("n", 3, 6).choice("act", "relu", "tanh")
                .constant("k", 7).build();
        List<Map<String, Object>> trials = space.trials(3, new Random(42));
        assertEquals(12, trials.size());
        assertEquals(List.of(1, 2, 1, 2), trials.subList(0, 4).stream().map(t -> t.get("a")).toList());
        assertEquals(List.of("x", "x", "y", "y"), trials.subList(0, 4).stream().map(t -> t.get("b")).toList());
        assertEquals(List.of("a", "lr", "b", "wd", "n", "act", "k"), List.copyOf(trials.get(0).keySet()));
        for (Map<String, Object> t : trials) {
            double lr = (double) t.get("lr");
            double wd = (double) t.get("wd");
            int n = (int) t.get("n");
            assertTrue(lr >= 0.1 && lr < 0.2 && wd >= 1e-5 && wd < 1e-1 && n >= 3 && n < 6, t.toString());
            assertTrue(List.of("relu", "tanh").contains(t.get("act")));
            assertEquals(7, t.get("k"));
        }
        assertEquals(trials, space.trials(3, new Random(42)));
        assertNotEquals(trials, space.trials(3, new Random(43)));
    }

    @Test
    void anEmptySpaceGivesNumSamplesEmptyConfigs() {
        assertEquals(List.of(Map.of(), Map.of(), Map.of()), ParamSpace.empty().trials(3, new Random(1)));
        assertEquals(2, ParamSpace.builder().build().trials(2, new Random(1)).size());
        assertThrows(IllegalArgumentException.class, () -> ParamSpace.empty().trials(0, new Random(1)));
    }

    @Test
    void trialConfigConvertsNumbersAndNamesMissingParameters() {
        TrialConfig c = new TrialConfig(Map.of("i", 2, "d", 0.5, "s", "x"));
        assertEquals(2.0, c.getDouble("i"));
        assertEquals(2L, c.getLong("i"));
        assertEquals("x", c.getString("s"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> c.get("lr"));
        assertTrue(missing.getMessage().contains("'lr'"));
        assertThrows(IllegalArgumentException.class, () -> c.getInt("d"));
        assertThrows(IllegalArgumentException.class, () -> c.getDouble("s"));
    }

    @Test
    void theTunerSeedMakesTrialConfigsReproducible() {
        ParamSpace space = ParamSpace.builder().uniform("lr", 0, 1).build();
        Tuner a = Tuner.builder(BadInputTest::quick).paramSpace(space).numSamples(4).seed(7).build();
        Tuner b = Tuner.builder(BadInputTest::quick).paramSpace(space).numSamples(4).seed(7).build();
        assertEquals(a.trialConfigs(), b.trialConfigs());
        assertEquals(4, a.trialConfigs().size());
    }
}
