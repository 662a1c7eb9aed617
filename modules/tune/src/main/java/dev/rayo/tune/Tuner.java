package dev.rayo.tune;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A hyper-parameter search, Ray Tune's {@code Tuner}: {@code Tuner.builder(trainable)...build().fit()}.
 *
 * <p>How it runs (the design): each trial run is a Rayo actor ({@link TrialActor}) created with
 * {@code resourcesPerTrial}, so Rayo's scheduler places it anywhere in the cluster and it holds those resources
 * while it trains; the trainable runs inside one actor call. Every report waits in its trial's actor until the
 * tuner's single control point, the driver thread that called {@link #fit()}, polls it (an async actor call),
 * applies the stop criteria, then the scheduler, and answers; a "no" makes the trainable's {@code report} throw
 * {@link TrialStoppedException}. No actor sits between the trials and the driver, so a dead node loses only
 * its own trials, which restart from their checkpoints while {@code maxFailures} allows. The driver is the
 * control point (not an actor) because it owns the storage directory and the experiment's lifetime, as Ray's
 * driver does; a crashed driver is what {@link #restore} is for. Unless {@code maxConcurrentTrials} is set,
 * trials start until the cluster's resources are taken; later ones wait for a run to end.
 *
 * <p>Statuses: a stop criterion or the trainable returning ends a trial {@code TERMINATED}; any scheduler STOP
 * (ASHA's cut, and also its stop at {@code maxT}) ends it {@code STOPPED}; PAUSE ends the run, frees its actor
 * and resumes the trial from its last checkpoint when the scheduler chooses it; an Exploit restarts the trial
 * with the new config from the donor's latest checkpoint, its results after that checkpoint's iteration
 * dropped so {@code training_iteration} continues from the donor's. After a restart (failure, pause, restore)
 * the trial likewise rewinds to its own last checkpoint, or starts over without one.
 */
public final class Tuner {
    private final Settings settings;
    private final Trainable trainable;
    private final List<TrialState> trials;
    private final boolean restored;
    private final Consumer<String> progressSink;

    private Tuner(Settings settings, Trainable trainable, List<TrialState> trials, boolean restored,
                  Consumer<String> progressSink) {
        this.settings = settings;
        this.trainable = trainable;
        this.trials = trials;
        this.restored = restored;
        this.progressSink = progressSink;
    }

    /** Starts describing a search of {@code trainable}. */
    public static Builder builder(Trainable trainable) {
        return new Builder(trainable);
    }

    /**
     * A tuner that finishes the experiment stored in {@code experimentDir} (its {@code storagePath}, plus its
     * {@code name} if it had one): trials that ended are kept as they ended and not run again; the others resume
     * from their last checkpoint (from scratch without one). The settings are the stored ones; a scheduler that
     * was not serializable is replaced by FIFO.
     *
     * @throws IllegalArgumentException when the directory holds no experiment, or cannot be read
     */
    public static Tuner restore(Path experimentDir, Trainable trainable) {
        Objects.requireNonNull(experimentDir, "experimentDir");
        checkSerializable(Objects.requireNonNull(trainable, "trainable"));
        ExperimentStore store = new ExperimentStore(experimentDir);
        ExperimentStore.Experiment exp = store.loadExperiment();
        Settings s = exp.settings();
        if (s.scheduler() == null) {
            s = new Settings(s.metric(), s.mode(), s.numSamples(), s.seed(), s.maxConcurrentTrials(),
                    s.resourcesPerTrial(), s.stop(), Schedulers.fifo(), s.maxFailures(), s.experimentDir(),
                    s.verbose(), s.progressInterval());
        }
        s = new Settings(s.metric(), s.mode(), s.numSamples(), s.seed(), s.maxConcurrentTrials(),
                s.resourcesPerTrial(), s.stop(), s.scheduler(), s.maxFailures(),
                experimentDir.toAbsolutePath().toString(), s.verbose(), s.progressInterval());
        List<TrialState> trials = new ArrayList<>();
        for (int i = 0; i < exp.trialIds().size(); i++) {
            TrialState t = new TrialState(exp.trialIds().get(i), i, exp.configs().get(i));
            store.loadTrial(t);
            trials.add(t);
        }
        return new Tuner(s, trainable, trials, true, s.verbose() ? System.out::println : null);
    }

    /**
     * Runs the search to its end: every trial {@code TERMINATED}, {@code STOPPED} or {@code ERROR}. Failed
     * trials do not make it throw (see {@link ResultGrid#errors()}).
     *
     * @throws IllegalArgumentException when a result lacks the tuner's metric or a stop criterion's metric (the
     *                                  message names it and the keys reported): as in Ray, a search that cannot
     *                                  rank its trials stops at once rather than run blind; running trials are
     *                                  ended first
     */
    public ResultGrid fit() {
        ExperimentStore store = settings.experimentDir() == null ? null
                : new ExperimentStore(settings.experimentPath());
        if (store != null && !restored) {
            Settings kept = serializable(settings.scheduler()) ? settings
                    : new Settings(settings.metric(), settings.mode(), settings.numSamples(), settings.seed(),
                    settings.maxConcurrentTrials(), settings.resourcesPerTrial(), settings.stop(), null,
                    settings.maxFailures(), settings.experimentDir(), settings.verbose(),
                    settings.progressInterval());
            store.saveExperiment(new ExperimentStore.Experiment(kept, trials.stream().map(t -> t.id).toList(),
                    trials.stream().map(t -> t.config).toList()));
        }
        Consumer<String> sink = progressSink != null ? progressSink
                : settings.verbose() ? System.out::println : null;
        return new ExperimentRunner(settings, trainable, trials, store, sink).run();
    }

    /** The configs of the trials this tuner runs, in order (for checking a space before a long search). */
    public List<Map<String, Object>> trialConfigs() {
        return trials.stream().map(TrialState::config).toList();
    }

    static void checkSerializable(Trainable trainable) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(trainable);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the trainable is not serializable: it captures a "
                    + e.getMessage() + ", which is not Serializable; trials run it in actors, possibly on "
                    + "other nodes, so it must travel (use a static method reference or capture only "
                    + "serializable values)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the trainable cannot be serialized: " + e, e);
        }
    }

    private static boolean serializable(Object o) {
        if (!(o instanceof Serializable)) {
            return false;
        }
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(o);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The options of a search (TUNE.md, "Tuner.builder(trainable) options"); {@link #build()} checks them. */
    public static final class Builder {
        private final Trainable trainable;
        private ParamSpace space = ParamSpace.empty();
        private String metric;
        private Mode mode;
        private int numSamples = 1;
        private Long seed;
        private int maxConcurrentTrials;
        private Map<String, Double> resources = Map.of("CPU", 1.0);
        private Stop stop = Stop.never();
        private TrialScheduler scheduler;
        private int maxFailures;
        private Path storagePath;
        private String name;
        private boolean verbose;
        private Duration progressInterval = Duration.ofSeconds(5);
        private Consumer<String> progressSink;

        private Builder(Trainable trainable) {
            this.trainable = trainable;
        }

        /** The search space (default: empty, every trial gets an empty config). */
        public Builder paramSpace(ParamSpace space) {
            this.space = Objects.requireNonNull(space, "paramSpace");
            return this;
        }

        /** The metric that ranks trials, for schedulers and {@code getBestResult()}, and its direction. */
        public Builder metric(String metric, Mode mode) {
            this.metric = metric;
            this.mode = mode;
            return this;
        }

        /** Rounds of the space (default 1): every grid combination once per round, with fresh random draws. */
        public Builder numSamples(int n) {
            this.numSamples = n;
            return this;
        }

        /** Makes the random draws (and so the trials' configs) reproducible. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** At most this many trials at once (default 0: as many as the cluster's resources hold). */
        public Builder maxConcurrentTrials(int n) {
            this.maxConcurrentTrials = n;
            return this;
        }

        /** What each trial's actor holds (default 1 CPU); fractional and custom resources as for actors. */
        public Builder resourcesPerTrial(Map<String, Double> resources) {
            this.resources = Map.copyOf(Objects.requireNonNull(resources, "resourcesPerTrial"));
            return this;
        }

        /** When a trial ends regardless of the scheduler (default: never). */
        public Builder stop(Stop stop) {
            this.stop = Objects.requireNonNull(stop, "stop");
            return this;
        }

        /** The early-stopping or PBT scheduler (default {@link Schedulers#fifo()}). */
        public Builder scheduler(TrialScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Restarts of a failed trial from its last checkpoint (default 0: the first failure is an ERROR). */
        public Builder maxFailures(int n) {
            this.maxFailures = n;
            return this;
        }

        /** Where the experiment is stored as it runs (default: nowhere), for {@link Tuner#restore}. */
        public Builder storagePath(Path dir) {
            this.storagePath = dir;
            return this;
        }

        /** The experiment's name: with a storage path, it is stored in {@code storagePath/name}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Prints the progress table every few seconds (default off). */
        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        /** How often the progress table is printed (default 5 s). */
        public Builder progressInterval(Duration interval) {
            this.progressInterval = Objects.requireNonNull(interval, "progressInterval");
            return this;
        }

        /** Where the progress table goes instead of standard output (implies verbose). */
        public Builder progressSink(Consumer<String> sink) {
            this.progressSink = Objects.requireNonNull(sink, "progressSink");
            this.verbose = true;
            return this;
        }

        /**
         * Checks the options and expands the space into trials.
         *
         * @throws IllegalArgumentException naming the bad option: a non-serializable trainable, a metric without
         *                                  mode, a scheduler or metric stop without a metric, a negative count,
         *                                  a negative resource, a scheduler's own out-of-range parameter
         */
        public Tuner build() {
            Objects.requireNonNull(trainable, "trainable");
            checkSerializable(trainable);
            if ((metric == null) != (mode == null)) {
                throw new IllegalArgumentException("metric and mode go together: metric(name, Mode.MAX|MIN)");
            }
            if (metric != null && metric.isBlank()) {
                throw new IllegalArgumentException("metric must be a non-blank name");
            }
            positive("numSamples", numSamples, 1);
            positive("maxConcurrentTrials", maxConcurrentTrials, 0);
            positive("maxFailures", maxFailures, 0);
            resources.forEach((k, v) -> {
                if (v == null || v < 0 || v.isNaN()) {
                    throw new IllegalArgumentException("resourcesPerTrial: '" + k + "' must be >= 0, was " + v);
                }
            });
            if (progressInterval.isNegative() || progressInterval.isZero()) {
                throw new IllegalArgumentException("progressInterval must be positive, was " + progressInterval);
            }
            if (metric == null && !stop.metrics().isEmpty()) {
                throw new IllegalArgumentException("the stop criterion on " + stop.metrics() + " needs the tuner's "
                        + "metric: call metric(name, mode)");
            }
            TrialScheduler sched = scheduler == null ? Schedulers.fifo() : scheduler;
            if (metric == null && !(sched instanceof FifoScheduler)) {
                throw new IllegalArgumentException("scheduler " + sched + " needs the tuner's metric: call "
                        + "metric(name, mode)");
            }
            // The scheduler's own checks (ranges that depend on each other) fail here, not mid-search.
            sched.setup(metric, mode);
            String dir = null;
            if (storagePath != null) {
                dir = (name == null ? storagePath : storagePath.resolve(name)).toAbsolutePath().toString();
            }
            long theSeed = seed != null ? seed : new Random().nextLong();
            Settings s = new Settings(metric, mode, numSamples, theSeed, maxConcurrentTrials, resources, stop, sched,
                    maxFailures, dir, verbose, progressInterval);
            List<Map<String, Object>> configs = space.trials(numSamples, new Random(theSeed));
            String prefix = UUID.nameUUIDFromBytes(Long.toString(theSeed).getBytes()).toString().substring(0, 5);
            List<TrialState> trials = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                trials.add(new TrialState(String.format("%s_%05d", prefix, i), i, new LinkedHashMap<>(configs.get(i))));
            }
            return new Tuner(s, trainable, trials, false, progressSink);
        }

        private static void positive(String option, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(option + " must be >= " + min + ", was " + value);
            }
        }
    }
}
