package dev.rayo.tune;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.WaitResult;
import dev.rayo.api.exception.RayoActorException;
import dev.rayo.api.exception.RayoTaskException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tuner's single control thread: the driver's thread that called {@code fit()}. It starts trial actors while
 * slots are free, long-polls each running trial for its reports ({@link TrialActor#poll}), applies the stop
 * criteria then the scheduler, answers the trial, and handles each run's end (free the actor; terminate, pause,
 * restart or fail the trial).
 * Every {@link TrialScheduler} method is called here, in event order, so schedulers need no locks. Being the
 * driver, it also owns storage: the experiment lives as long as the driver, as in Ray, and
 * {@link Tuner#restore} picks it up after a crash.
 */
final class ExperimentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
    private static final Duration WAIT = Duration.ofMillis(500);

    private final Settings settings;
    private final Trainable trainable;
    private final List<TrialState> trials;
    private final TrialScheduler scheduler;
    private final ExperimentStore store;
    private final Consumer<String> progress;
    private long nextRunId;
    private long lastTable;
    private long lastSave;
    private long lastStarvedWarning;

    ExperimentRunner(Settings settings, Trainable trainable, List<TrialState> trials, ExperimentStore store,
                     Consumer<String> progress) {
        this.settings = settings;
        this.trainable = trainable;
        this.trials = trials;
        this.scheduler = settings.scheduler();
        this.store = store;
        this.progress = progress;
    }

    /** Runs every trial to its end and returns the results, in trial order. */
    ResultGrid run() {
        scheduler.setup(settings.metric(), settings.mode());
        for (TrialState t : trials) {
            scheduler.onTrialAdd(t);
            if (t.ended() && t.status != TrialStatus.ERROR) {
                scheduler.onTrialComplete(t, t.lastResult());
            }
        }
        checkFeasible();
        try {
            while (!allEnded()) {
                launch();
                stopUnresumed();
                List<ObjectRef<?>> refs = new ArrayList<>();
                for (TrialState t : trials) {
                    if (t.runRef != null) {
                        refs.add(t.runRef);
                    }
                    if (t.pollRef != null) {
                        refs.add(t.pollRef);
                    }
                }
                if (!refs.isEmpty()) {
                    waitAny(refs);
                } else {
                    pause();
                }
                // Reports first: a run's last reports were answered before it could end.
                for (TrialState t : trials) {
                    if (t.pollRef != null && isReady(t.pollRef)) {
                        handleReports(t);
                    }
                }
                for (TrialState t : trials) {
                    if (t.runRef != null && isReady(t.runRef)) {
                        runEnded(t);
                    }
                }
                housekeeping(false);
            }
            housekeeping(true);
            return new ResultGrid(trials.stream().map(TrialState::toResult).toList(), settings.metric(),
                    settings.mode(), settings.experimentPath());
        } finally {
            shutdown();
        }
    }

    private boolean allEnded() {
        return trials.stream().allMatch(t -> t.ended() && t.runRef == null);
    }

    /** Fills the free slots: restarts first (they held a slot a moment ago), then the scheduler's choice. */
    private void launch() {
        int capacity = capacity();
        for (TrialState t : trials) {
            if (t.phase == TrialState.Phase.RESTART && running() < capacity) {
                start(t);
            }
        }
        while (running() < capacity) {
            List<TrialInfo> pending = new ArrayList<>();
            List<TrialInfo> paused = new ArrayList<>();
            for (TrialState t : trials) {
                if (t.runRef == null && t.phase == TrialState.Phase.PENDING) {
                    pending.add(t);
                } else if (t.runRef == null && t.phase == TrialState.Phase.PAUSED) {
                    paused.add(t);
                }
            }
            if (pending.isEmpty() && paused.isEmpty()) {
                return;
            }
            TrialInfo next = scheduler.chooseTrialToRun(List.copyOf(pending), List.copyOf(paused));
            if (next == null) {
                return;
            }
            if (!pending.contains(next) && !paused.contains(next)) {
                throw new IllegalStateException("scheduler " + scheduler + " chose trial " + next.trialId()
                        + ", which is neither pending nor paused");
            }
            start(trials.get(next.index()));
        }
    }

    /**
     * Paused trials that the scheduler will never resume (HyperBand's halving losers) end {@code STOPPED} once
     * nothing runs any more although a slot is free: no event could bring them back, and the experiment must
     * finish. With no slot (no node offers the resources) they keep waiting, like every other trial.
     */
    private void stopUnresumed() {
        if (running() > 0 || trials.stream().anyMatch(t -> t.phase == TrialState.Phase.RESTART)
                || trials.stream().noneMatch(t -> t.phase == TrialState.Phase.PAUSED) || capacity() == 0) {
            return;
        }
        for (TrialState t : trials) {
            if (t.runRef == null && t.phase == TrialState.Phase.PAUSED) {
                t.end(TrialStatus.STOPPED, "paused, not resumed by scheduler " + scheduler, null);
                scheduler.onTrialComplete(t, t.lastResult());
            }
        }
    }

    private long running() {
        return trials.stream().filter(t -> t.runRef != null).count();
    }

    /**
     * How many trials may run at once: {@code maxConcurrentTrials} if set, else as many as the cluster's
     * resources hold (read each time, since nodes come and go). Zero while no node offers a trial's resources
     * (its node died): trials then wait, as in Ray, instead of creating actors that cannot be placed; the
     * warning says what is missing.
     */
    private int capacity() {
        Map<String, Double> cluster = Rayo.getRuntimeContext().clusterResources();
        int cap = slots(cluster);
        if (cap == 0 && System.nanoTime() - lastStarvedWarning > 10_000_000_000L) {
            lastStarvedWarning = System.nanoTime();
            LOG.warn("trials wait: each needs {} but the cluster offers {}", settings.resourcesPerTrial(), cluster);
        }
        return settings.maxConcurrentTrials() > 0 ? Math.min(cap, settings.maxConcurrentTrials()) : cap;
    }

    private int slots(Map<String, Double> cluster) {
        int byResources = Integer.MAX_VALUE;
        for (Map.Entry<String, Double> need : settings.resourcesPerTrial().entrySet()) {
            if (need.getValue() > 0) {
                double have = cluster.getOrDefault(need.getKey(), 0.0);
                byResources = Math.min(byResources, (int) Math.floor(have / need.getValue() + 1e-9));
            }
        }
        // A trial asking for nothing still takes a slot: cap such searches at the cluster's CPUs.
        return byResources == Integer.MAX_VALUE
                ? Math.max(1, (int) Math.floor(cluster.getOrDefault("CPU", 1.0))) : byResources;
    }

    /**
     * Fails fast when no node of the cluster could ever hold one trial: a search that would wait forever is a
     * bad option, named as such. (Once trials have run, a shortage means a node died: they wait instead.)
     */
    private void checkFeasible() {
        Map<String, Double> cluster = Rayo.getRuntimeContext().clusterResources();
        if (slots(cluster) == 0) {
            throw new IllegalArgumentException("resourcesPerTrial " + settings.resourcesPerTrial()
                    + " is more than the cluster offers (" + cluster + "): no trial could ever start");
        }
    }

    private void start(TrialState t) {
        t.runId = ++nextRunId;
        t.phase = TrialState.Phase.RUNNING;
        t.afterRun = TrialState.AfterRun.NOTHING;
        t.actor = Rayo.actor(TrialActor::new).setResources(settings.resourcesPerTrial()).setMaxConcurrency(2)
                .setMaxRestarts(0).remote();
        TrialRun run = new TrialRun(t.id, t.runId, new LinkedHashMap<>(t.config), t.checkpoint, trainable);
        t.runRef = t.actor.task(TrialActor::run, run).remote();
        t.pollRef = t.actor.taskAsync(TrialActor::poll).remote();
    }

    /**
     * Takes a trial's polled reports, decides each, answers, and polls again. A failed poll (the actor died) is
     * left to the run's failure, which says the same thing.
     */
    private void handleReports(TrialState t) {
        List<TrialActor.Pending> batch;
        try {
            batch = Rayo.get(t.pollRef);
        } catch (RuntimeException e) {
            t.pollRef = null;
            return;
        }
        if (!batch.isEmpty()) {
            Map<Long, Boolean> answers = new HashMap<>();
            for (TrialActor.Pending p : batch) {
                answers.put(p.seq(), decide(t, p.report()));
            }
            t.actor.task(TrialActor::answer, answers).remote();
        }
        t.pollRef = t.actor.taskAsync(TrialActor::poll).remote();
    }

    /** Records one report of trial {@code t} (its actor's) and decides whether the trial goes on. */
    private boolean decide(TrialState t, TrialReport report) {
        if (t.runId != report.runId() || t.phase != TrialState.Phase.RUNNING
                || t.afterRun != TrialState.AfterRun.NOTHING) {
            return false;
        }
        Map<String, Object> result = t.record(report);
        if (report.hasCheckpoint() && store != null) {
            store.saveCheckpoint(t);
        }
        if (settings.metric() != null && !result.containsKey(settings.metric())) {
            throw new IllegalArgumentException("the tuner's metric '" + settings.metric()
                    + "' is not in the results of trial " + t.id + ": it reported " + report.metrics().keySet()
                    + " (Tune adds training_iteration, time_total_s, trial_id)");
        }
        var reason = settings.stop().reason(result);
        if (reason.isPresent()) {
            t.end(TrialStatus.TERMINATED, reason.get(), null);
            scheduler.onTrialComplete(t, result);
            return false;
        }
        SchedulerDecision decision = scheduler.onTrialResult(t, result);
        if (decision instanceof SchedulerDecision.Continue) {
            return true;
        }
        if (decision instanceof SchedulerDecision.Stop) {
            t.end(TrialStatus.STOPPED, "scheduler " + scheduler, null);
            scheduler.onTrialComplete(t, result);
        } else if (decision instanceof SchedulerDecision.Pause) {
            t.afterRun = TrialState.AfterRun.PAUSE;
        } else if (decision instanceof SchedulerDecision.Exploit exploit) {
            exploit(t, exploit);
        }
        return false;
    }

    /** PBT: the trial takes the donor's checkpoint and a new config, and restarts as soon as its run ends. */
    private void exploit(TrialState t, SchedulerDecision.Exploit exploit) {
        TrialState donor = trials.stream().filter(x -> x.id.equals(exploit.donorTrialId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("scheduler exploited unknown trial "
                        + exploit.donorTrialId()));
        if (!donor.hasCheckpoint) {
            throw new IllegalStateException("scheduler exploited trial " + donor.id + ", which has no checkpoint");
        }
        t.config = Map.copyOf(exploit.newConfig());
        t.rewindTo(true, donor.checkpoint, donor.checkpointIteration, donor.checkpointTime);
        t.afterRun = TrialState.AfterRun.RESTART;
        if (store != null) {
            store.saveCheckpoint(t);
        }
    }

    /** A run's actor call finished: free the actor, then move the trial on. */
    private void runEnded(TrialState t) {
        ObjectRef<TrialActor.Outcome> ref = t.runRef;
        t.runRef = null;
        t.pollRef = null;
        Throwable failure = null;
        TrialActor.Outcome outcome = null;
        try {
            outcome = Rayo.get(ref);
        } catch (RuntimeException e) {
            failure = e instanceof RayoTaskException && e.getCause() != null ? e.getCause() : e;
        }
        killQuietly(t.actor);
        t.actor = null;
        if (t.ended()) {
            return;
        }
        switch (t.afterRun) {
            case PAUSE -> {
                t.rewindToOwnCheckpoint();
                t.phase = TrialState.Phase.PAUSED;
                return;
            }
            case RESTART -> {
                t.phase = TrialState.Phase.RESTART;
                return;
            }
            default -> {
            }
        }
        if (failure instanceof RayoActorException && String.valueOf(failure.getMessage()).contains("can't be placed")) {
            // The cluster changed between our look at its resources and the placement (a node just died):
            // the trial never ran, so this is no failure of it; it waits for a slot again.
            LOG.warn("trial {} could not be placed, it waits for resources: {}", t.id, failure.getMessage());
            t.rewindToOwnCheckpoint();
            t.phase = TrialState.Phase.RESTART;
            return;
        }
        if (failure == null) {
            t.end(TrialStatus.TERMINATED, outcome == TrialActor.Outcome.RETURNED ? "returned" : "stopped", null);
            scheduler.onTrialComplete(t, t.lastResult());
        } else if (t.failures < settings.maxFailures()) {
            t.failures++;
            LOG.warn("trial {} failed ({} of {} restarts), restarting from {}: {}", t.id, t.failures,
                    settings.maxFailures(), t.hasCheckpoint ? "iteration " + t.checkpointIteration : "scratch",
                    failure.toString());
            t.rewindToOwnCheckpoint();
            t.phase = TrialState.Phase.RESTART;
        } else {
            t.end(TrialStatus.ERROR, failure.getClass().getName(), failure);
            scheduler.onTrialError(t);
        }
    }

    private void housekeeping(boolean last) {
        long now = System.nanoTime();
        if (store != null && (last || now - lastSave > 1_000_000_000L)) {
            lastSave = now;
            trials.stream().filter(t -> t.dirty).forEach(store::saveTrial);
        }
        if (progress != null && (last || now - lastTable > settings.progressInterval().toNanos())) {
            lastTable = now;
            progress.accept(ProgressTable.render(trials, settings.metric(), capacity()));
        }
    }

    /** Ends whatever still runs (an aborted fit). */
    private void shutdown() {
        for (TrialState t : trials) {
            if (t.actor != null) {
                killQuietly(t.actor);
                t.actor = null;
                t.runRef = null;
                t.pollRef = null;
            }
        }
    }

    private static void killQuietly(ActorHandle<?> actor) {
        if (actor == null) {
            return;
        }
        try {
            actor.kill();
        } catch (RuntimeException e) {
            LOG.debug("kill {}: {}", actor.actorId(), e.toString());
        }
    }

    /** Nothing runs and nothing can start: wait a little for the cluster to change. */
    private static void pause() {
        try {
            Thread.sleep(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trials waited for resources", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void waitAny(List<ObjectRef<?>> refs) {
        Rayo.wait((List) refs, 1, WAIT);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean isReady(ObjectRef<?> ref) {
        WaitResult<?> w = Rayo.wait((List) List.of(ref), 1, Duration.ZERO);
        return !w.ready().isEmpty();
    }
}
