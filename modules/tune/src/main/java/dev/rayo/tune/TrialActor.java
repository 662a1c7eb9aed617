package dev.rayo.tune;

import dev.rayo.api.Rayo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Rayo actor one run of a trial lives in: created with the trial's resources (so the cluster's scheduler
 * places it and holds those resources while it runs), it runs the trainable in one actor call and is killed when
 * that call ends. Reports block the call while the control loop decides, which is how a stop reaches the
 * trainable: the next {@code report} throws {@link TrialStoppedException}.
 */
public final class TrialActor {
    /** How one run ended, when it did not throw. */
    public enum Outcome {
        /** The trainable returned by itself. */
        RETURNED,
        /** A report threw {@link TrialStoppedException}: the tuner ended the run. */
        STOPPED
    }

    /** Made by the tuner. */
    public TrialActor() {
    }

    /**
     * Runs the trainable to its end.
     *
     * @throws Exception whatever the trainable threw, other than {@link TrialStoppedException}
     */
    public Outcome run(TrialRun run) throws Exception {
        try {
            run.trainable().train(new TrialConfig(run.config()), new RemoteReporter(run));
            return Outcome.RETURNED;
        } catch (TrialStoppedException stopped) {
            return Outcome.STOPPED;
        }
    }

    /** The reporter a trainable gets: each report is a blocking call to the relay. */
    private static final class RemoteReporter implements Reporter {
        private final TrialRun run;
        private final long start = System.nanoTime();
        private boolean stopped;

        RemoteReporter(TrialRun run) {
            this.run = run;
        }

        @Override
        public void report(Map<String, ?> metrics) {
            send(metrics, false, null);
        }

        @Override
        public void report(Map<String, ?> metrics, Object checkpoint) {
            send(metrics, true, checkpoint);
        }

        private void send(Map<String, ?> metrics, boolean hasCheckpoint, Object checkpoint) {
            if (stopped) {
                throw new TrialStoppedException("trial " + run.trialId() + " was already told to stop");
            }
            TrialReport report = new TrialReport(run.trialId(), run.runId(), new LinkedHashMap<>(metrics),
                    hasCheckpoint, checkpoint, (System.nanoTime() - start) / 1e9);
            boolean goOn = Rayo.get(run.relay().taskAsync(ReportRelay::report, report).remote());
            if (!goOn) {
                stopped = true;
                throw new TrialStoppedException("trial " + run.trialId() + " stopped by the tuner");
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Optional<T> checkpoint() {
            return Optional.ofNullable((T) run.checkpoint());
        }

        @Override
        public String trialId() {
            return run.trialId();
        }
    }
}
