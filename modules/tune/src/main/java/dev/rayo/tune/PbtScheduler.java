package dev.rayo.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Ray's (asynchronous) population based training: every {@code perturbationInterval} units of {@code timeAttr}
 * a trial is ranked against the population by its metric at its own last perturbation point; a trial in the
 * bottom {@code quantileFraction} exploits one in the top fraction ({@link SchedulerDecision.Exploit}: it
 * continues from the donor's checkpoint with the donor's config, explored). Explore changes each mutated
 * hyper-parameter: with {@code resampleProbability} a fresh draw, otherwise a neighbouring value
 * ({@link #mutation}) or the value times 1.2 or 0.8 ({@link #mutationRange}). Trainables must report
 * checkpoints and resume from {@code reporter.checkpoint()}; only trials with a checkpoint are donors.
 *
 * <p>With more trials than slots, a trial that just passed a perturbation point yields its slot to waiting
 * trials ({@link SchedulerDecision#PAUSE}), and {@link #chooseTrialToRun} resumes the least trained one first,
 * so the population advances together, as in Ray.
 */
public final class PbtScheduler implements TrialScheduler {
    private String timeAttr = "time_total_s";
    private double perturbationInterval = 60;
    private double quantileFraction = 0.25;
    private double resampleProbability = 0.25;
    private final Map<String, PbtMutation> mutations = new LinkedHashMap<>();
    private Random random = new Random();
    private String metric;
    private Mode mode;

    private final Map<String, State> states = new LinkedHashMap<>();
    /** Trials waiting for a slot: never started, or paused to let others catch up. */
    private final Set<String> waiting = new LinkedHashSet<>();
    private int numPerturbations;

    /** What PBT remembers of one trial. */
    private static final class State {
        TrialInfo latest;
        Double lastScore;
        double lastPerturbationTime;
        double lastTrainTime;
        boolean finished;

        State(TrialInfo trial) {
            latest = trial;
        }
    }

    /**
     * Defaults as Ray's: {@code timeAttr("time_total_s")}, {@code perturbationInterval(60)},
     * {@code quantileFraction(0.25)}, {@code resampleProbability(0.25)}; at least one mutation is required.
     */
    public PbtScheduler() {
    }

    /** The result attribute that measures progress; it must grow with each report. */
    public PbtScheduler timeAttr(String timeAttr) {
        this.timeAttr = SchedulerChecks.attribute("timeAttr", timeAttr);
        return this;
    }

    /** How much {@code timeAttr} passes between two perturbation points of a trial. */
    public PbtScheduler perturbationInterval(double perturbationInterval) {
        this.perturbationInterval = SchedulerChecks.positive("perturbationInterval", perturbationInterval);
        return this;
    }

    /** The share of the population in the top (donors) and in the bottom (exploiters): in {@code (0, 0.5]}. */
    public PbtScheduler quantileFraction(double quantileFraction) {
        if (!(quantileFraction > 0 && quantileFraction <= 0.5)) {
            throw new IllegalArgumentException("quantileFraction must be in (0, 0.5], got " + quantileFraction);
        }
        this.quantileFraction = quantileFraction;
        return this;
    }

    /** The chance that explore draws a mutated value afresh rather than perturbing it: in {@code [0, 1]}. */
    public PbtScheduler resampleProbability(double resampleProbability) {
        if (!(resampleProbability >= 0 && resampleProbability <= 1)) {
            throw new IllegalArgumentException("resampleProbability must be in [0, 1], got " + resampleProbability);
        }
        this.resampleProbability = resampleProbability;
        return this;
    }

    /** Mutates {@code name} among {@code values} (in this order: explore steps to a neighbour). */
    public PbtScheduler mutation(String name, Object... values) {
        SchedulerChecks.attribute("mutation name", name);
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("mutation '" + name + "' needs at least one value");
        }
        if (Arrays.stream(values).anyMatch(v -> v == null)) {
            throw new IllegalArgumentException("mutation '" + name + "' has a null value");
        }
        mutations.put(name, new PbtMutation.Values(Arrays.asList(values)));
        return this;
    }

    /** Mutates the number {@code name} within {@code [lo, hi]}. */
    public PbtScheduler mutationRange(String name, double lo, double hi) {
        SchedulerChecks.attribute("mutationRange name", name);
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("mutationRange '" + name + "' needs finite lo < hi, got ["
                    + lo + ", " + hi + "]");
        }
        mutations.put(name, new PbtMutation.Range(lo, hi));
        return this;
    }

    /** Makes donor choice and explore reproducible. */
    public PbtScheduler seed(long seed) {
        this.random = new Random(seed);
        return this;
    }

    /** How many exploits this scheduler decided. */
    public int numPerturbations() {
        return numPerturbations;
    }

    @Override
    public void setup(String metric, Mode mode) {
        SchedulerChecks.metricSet("pbt", metric, mode);
        if (mutations.isEmpty()) {
            throw new IllegalArgumentException("pbt needs at least one mutation(name, values...) or "
                    + "mutationRange(name, lo, hi): explore has nothing to change");
        }
        this.metric = metric;
        this.mode = mode;
    }

    @Override
    public void onTrialAdd(TrialInfo trial) {
        states.put(trial.trialId(), new State(trial));
        waiting.add(trial.trialId());
    }

    @Override
    public SchedulerDecision onTrialResult(TrialInfo trial, Map<String, Object> result) {
        String id = trial.trialId();
        double time = SchedulerChecks.number(result, timeAttr, id);
        double value = SchedulerChecks.number(result, metric, id);
        State state = states.computeIfAbsent(id, k -> new State(trial));
        state.latest = trial;
        waiting.remove(id);
        if (time - state.lastPerturbationTime < perturbationInterval) {
            return SchedulerDecision.CONTINUE;
        }
        state.lastScore = mode.signed(value);
        state.lastTrainTime = time;
        state.lastPerturbationTime = time;

        List<String> ranked = rankedLiveTrials();
        int k = quantileSize(ranked.size());
        if (k > 0 && ranked.subList(0, k).contains(id)) {
            SchedulerDecision exploit = exploit(state, ranked.subList(ranked.size() - k, ranked.size()));
            if (exploit != null) {
                return exploit;
            }
        }
        if (!waiting.isEmpty()) {
            // Yield the slot so the rest of the population catches up (Ray's time multiplexing).
            waiting.add(id);
            return SchedulerDecision.PAUSE;
        }
        return SchedulerDecision.CONTINUE;
    }

    /** Trials with a score and not finished, worst first (ties in creation order). */
    private List<String> rankedLiveTrials() {
        List<String> ranked = new ArrayList<>();
        states.forEach((id, s) -> {
            if (s.lastScore != null && !s.finished) {
                ranked.add(id);
            }
        });
        ranked.sort(Comparator.comparingDouble(id -> states.get(id).lastScore));
        return ranked;
    }

    /** {@code ceil(n * quantileFraction)}, at most half the population; 0 when fewer than two trials rank. */
    private int quantileSize(int n) {
        if (n <= 1) {
            return 0;
        }
        int k = (int) Math.ceil(n * quantileFraction);
        return k > n / 2.0 ? n / 2 : k;
    }

    /** The exploit for a bottom trial, or null when no top trial has a checkpoint to give. */
    private SchedulerDecision exploit(State state, List<String> top) {
        List<String> donors = new ArrayList<>();
        for (String id : top) {
            if (states.get(id).latest.hasCheckpoint()) {
                donors.add(id);
            }
        }
        if (donors.isEmpty()) {
            return null;
        }
        String donorId = donors.get(random.nextInt(donors.size()));
        State donor = states.get(donorId);
        Map<String, Object> config = new HashMap<>(donor.latest.config());
        mutations.forEach((name, mutation) ->
                config.put(name, mutation.explore(config.get(name), resampleProbability, random)));
        // The trial now stands where its donor stood.
        state.lastPerturbationTime = donor.lastPerturbationTime;
        state.lastTrainTime = donor.lastTrainTime;
        numPerturbations++;
        return new SchedulerDecision.Exploit(donorId, config);
    }

    @Override
    public void onTrialComplete(TrialInfo trial, Map<String, Object> lastResult) {
        finish(trial);
    }

    @Override
    public void onTrialError(TrialInfo trial) {
        finish(trial);
    }

    private void finish(TrialInfo trial) {
        waiting.remove(trial.trialId());
        State state = states.get(trial.trialId());
        if (state != null) {
            state.finished = true;
        }
    }

    /** The least trained waiting trial first, so the population stays level (Ray's fair share). */
    @Override
    public TrialInfo chooseTrialToRun(List<TrialInfo> pending, List<TrialInfo> paused) {
        List<TrialInfo> candidates = new ArrayList<>(pending);
        candidates.addAll(paused);
        waiting.clear();
        candidates.forEach(t -> waiting.add(t.trialId()));
        TrialInfo chosen = candidates.stream()
                .min(Comparator.comparingDouble(t -> {
                    State s = states.get(t.trialId());
                    return s == null ? 0 : s.lastTrainTime;
                }))
                .orElse(null);
        if (chosen != null) {
            waiting.remove(chosen.trialId());
        }
        return chosen;
    }
}
