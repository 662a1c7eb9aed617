package dev.rayo.rl;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.rl.es.EsRolloutTask;
import dev.rayo.rl.es.EsSamples;
import dev.rayo.rl.nn.Mlp;
import dev.rayo.rl.runner.RunnerState;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ES solves CartPole with the default config; the noise table is shared once; runners send back indices and returns. */
class ESTest {
    @RegisterExtension
    static final RayoRuntimeExtension RAYO = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @Test
    void solvesCartPoleWithTheDefaultConfig(@TempDir Path dir) {
        ES es = ES.config().env(CartPole::new).seed(1).build();
        try {
            List<String> curve = LearningRun.untilEvaluationReaches(es, 475, 40);
            double score = es.evaluate(100);
            assertTrue(score >= 475, "evaluate(100) = " + score + " after " + curve);
            es.save(dir);
        } finally {
            es.stop();
        }
        Algorithm back = Algorithms.restore(dir, CartPole::new);
        try {
            assertTrue(back instanceof ES);
            assertTrue(back.evaluate(100) >= 475, "the restored policy scores as the saved one");
        } finally {
            back.stop();
        }
    }

    /**
     * What crosses the wire per iteration is small: the task carries the table's ref (not the table), the runner
     * reads the table once and keeps the very same array for later tasks, and the reply holds only indices and
     * returns (and a step count): no parameters, no noise.
     */
    @Test
    void theTableIsPutOnceAndRunnersReturnOnlyIndicesAndReturns() throws IOException {
        assertEquals(List.of("noiseIndices", "positiveReturns", "negativeReturns", "evalReturns", "timesteps"),
                Arrays.stream(EsSamples.class.getRecordComponents()).map(RecordComponent::getName).toList());
        Mlp policy = new Mlp(4, new int[] {64, 64}, 2);
        float[] table = dev.rayo.rl.es.NoiseTable.create(1_000_000, 3);
        ObjectRef<float[]> tableRef = Rayo.put(table);
        ObjectRef<double[]> weights = Rayo.put(policy.init(1, 0.01));
        EsRolloutTask task = new EsRolloutTask(tableRef, weights, policy, 3, 1, 0.05, 7);
        assertTrue(serializedSize(task) < 10_000, "the task must carry refs, not the table: "
                + serializedSize(task) + " bytes");
        RunnerState runner = new RunnerState(CartPole::new, 0, 5);
        EsSamples first = task.run(runner);
        Object cached = runner.cache().values().stream().filter(v -> v instanceof float[]).findFirst().orElseThrow();
        task.run(runner);
        assertSame(cached, runner.cache().values().stream().filter(v -> v instanceof float[]).findFirst().orElseThrow(),
                "a runner reads the table from the object store once");
        assertEquals(3, first.noiseIndices().length);
        assertTrue(serializedSize(first) < 1_000, "the reply is indices and returns: " + serializedSize(first));

        ES es = ES.config().env(CartPole::new).seed(2).episodesPerBatch(8).build();
        try {
            ObjectRef<float[]> ref = es.noiseTableRef();
            es.train();
            es.train();
            assertEquals(ref.id(), es.noiseTableRef().id(), "one table for the whole run");
        } finally {
            es.stop();
        }
    }

    /** With the env runs in the driver, the same seed gives the same curve and the same policy. */
    @Test
    void theSameSeedGivesTheSameCurveWithZeroRunners() {
        assertEquals(curve(4), curve(4));
    }

    @Test
    void aNoiseTableSmallerThanThePolicyIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ES.config().env(CartPole::new).numEnvRunners(0).noiseTableSize(100).build());
        assertTrue(e.getMessage().contains("noiseTableSize 100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ES.config().episodesPerBatch(1));
        ES ok = ES.config().env(CartPole::new).numEnvRunners(0).episodesPerBatch(4).build();
        try {
            assertEquals(1, ok.train().iteration(), "the runtime still serves");
        } finally {
            ok.stop();
        }
    }

    private static List<Object> curve(long seed) {
        return LearningRun.curve(ES.config().env(CartPole::new).numEnvRunners(0).seed(seed).episodesPerBatch(10).build());
    }

    static int serializedSize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.size();
    }
}
