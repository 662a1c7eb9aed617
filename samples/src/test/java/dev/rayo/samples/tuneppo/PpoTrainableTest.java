package dev.rayo.samples.tuneppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rayo.rl.Algorithm;
import dev.rayo.rl.CartPole;
import dev.rayo.tune.Reporter;
import dev.rayo.tune.TrialConfig;
import dev.rayo.tune.TrialStoppedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The trainable's checkpoints continue a trial: a snapshot survives serialization (as Tune ships it) with the
 * weights and counters, and a trial given one goes on from its iteration. No runtime: with no env runners PPO
 * samples in the calling thread.
 */
class PpoTrainableTest {
    private static final int BATCH = 300;
    private static final TrialConfig CONFIG = new TrialConfig(Map.of("lr", 1e-3, "clipParam", 0.2));

    @Test
    void aSnapshotTravelsAndRestoresTheSamePolicy() throws Exception {
        PpoTrainable trainable = new PpoTrainable(BATCH, 3, 0, 1);
        Algorithm ppo = trainable.ppoConfig(CONFIG).minibatchSize(100).build();
        try {
            ppo.train();
            AlgorithmSnapshot snapshot = roundTrip(AlgorithmSnapshot.of(ppo));
            assertEquals(1, snapshot.iteration());
            Algorithm back = snapshot.restore(CartPole::new);
            try {
                assertEquals(1, back.iteration());
                assertEquals(BATCH, back.timestepsTotal());
                assertEquals(ppo.evaluate(3), back.evaluate(3), "same weights, same greedy episodes");
            } finally {
                back.stop();
            }
        } finally {
            ppo.stop();
        }
    }

    @Test
    void aTrialGivenACheckpointContinuesFromItsIteration() {
        PpoTrainable trainable = new PpoTrainable(BATCH, 3, 0, 1);
        FakeReporter first = new FakeReporter(null, 2);
        assertThrows(TrialStoppedException.class, () -> trainable.train(CONFIG, first));
        assertEquals(List.of(300L, 600L), first.timesteps);

        FakeReporter resumed = new FakeReporter(first.lastCheckpoint, 1);
        assertThrows(TrialStoppedException.class, () -> trainable.train(CONFIG, resumed));
        assertEquals(List.of(900L), resumed.timesteps, "the restored PPO counts on from the checkpoint");
        assertEquals(3, resumed.lastCheckpoint.iteration());
    }

    private static AlgorithmSnapshot roundTrip(AlgorithmSnapshot s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (AlgorithmSnapshot) in.readObject();
        }
    }

    /** Records reports and stops the trial after {@code reports} of them, as Tune's reporter would. */
    private static final class FakeReporter implements Reporter {
        final List<Long> timesteps = new ArrayList<>();
        private final AlgorithmSnapshot start;
        private final int reports;
        AlgorithmSnapshot lastCheckpoint;

        FakeReporter(AlgorithmSnapshot start, int reports) {
            this.start = start;
            this.reports = reports;
        }

        @Override
        public void report(Map<String, ?> metrics) {
            throw new AssertionError("the trainable always reports a checkpoint");
        }

        @Override
        public void report(Map<String, ?> metrics, Object checkpoint) {
            timesteps.add(((Number) metrics.get(PpoTrainable.TIMESTEPS)).longValue());
            lastCheckpoint = (AlgorithmSnapshot) checkpoint;
            if (timesteps.size() == reports) {
                throw new TrialStoppedException("enough");
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> checkpoint() {
            return Optional.ofNullable((T) start);
        }

        @Override
        public String trialId() {
            return "t";
        }
    }
}
