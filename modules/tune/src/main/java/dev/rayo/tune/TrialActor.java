package dev.rayo.tune;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The Rayo actor one run of a trial lives in. It is created with the trial's resources, so Rayo places it
 * anywhere in the cluster and it holds them while it trains; it is killed when the run ends.
 *
 * <p>Its calls: {@link #run} trains (one long call); {@link #poll} is the control loop's long poll for reports
 * (async, so it holds no thread while it waits); {@link #answer} brings the decision back. The trainable's
 * {@code report} queues the result here and waits on a local future for the answer, so a trial never runs
 * ahead of a decision, and a "stop" makes that {@code report} throw {@link TrialStoppedException}. Reports live
 * and die with their trial: when a node dies, only the trials on it are lost, and the control loop learns it from
 * their failed {@code run}. The actor runs with a concurrency of 2 (one thread trains, the other serves the
 * quick {@code poll}/{@code answer} calls), hence the synchronized state.
 */
public final class TrialActor {
    /** How one run ended, when it did not throw. */
    public enum Outcome {
        /** The trainable returned by itself. */
        RETURNED,
        /** A report threw {@link TrialStoppedException}: the tuner ended the run. */
        STOPPED
    }

    /** A report waiting for its decision; {@code seq} is what {@link #answer} names. */
    public record Pending(long seq, TrialReport report) implements Serializable {
    }

    private final List<Pending> queue = new ArrayList<>();
    private final Map<Long, CompletableFuture<Boolean>> waiting = new HashMap<>();
    private CompletableFuture<List<Pending>> poller;
    private long nextSeq;
    private boolean over;

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
            run.trainable().train(new TrialConfig(run.config()), new LocalReporter(run));
            return Outcome.RETURNED;
        } catch (TrialStoppedException stopped) {
            return Outcome.STOPPED;
        } finally {
            finish();
        }
    }

    /** The reports queued since the last poll: at once if any, else when the next one comes (or the run ends). */
    public synchronized CompletionStage<List<Pending>> poll() {
        if (!queue.isEmpty() || over) {
            return CompletableFuture.completedFuture(drain());
        }
        poller = new CompletableFuture<>();
        return poller;
    }

    /** The decisions for polled reports: {@code seq -> go on}. */
    public synchronized boolean answer(Map<Long, Boolean> decisions) {
        decisions.forEach((seq, goOn) -> {
            CompletableFuture<Boolean> f = waiting.remove(seq);
            if (f != null) {
                f.complete(goOn);
            }
        });
        return true;
    }

    private synchronized CompletableFuture<Boolean> enqueue(TrialReport report) {
        long seq = nextSeq++;
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        waiting.put(seq, answer);
        queue.add(new Pending(seq, report));
        if (poller != null) {
            poller.complete(drain());
            poller = null;
        }
        return answer;
    }

    private synchronized void finish() {
        over = true;
        if (poller != null) {
            poller.complete(drain());
            poller = null;
        }
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>(queue);
        queue.clear();
        return batch;
    }

    /** The reporter a trainable gets: queues each report here and waits for the control loop's answer. */
    private final class LocalReporter implements Reporter {
        private final TrialRun run;
        private final long start = System.nanoTime();
        private boolean stopped;

        LocalReporter(TrialRun run) {
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
            boolean goOn;
            try {
                goOn = enqueue(report).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrialStoppedException("trial " + run.trialId() + " interrupted while reporting");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
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
