package dev.rayo.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ray's synchronous HyperBand: trials fill brackets of decreasing size and increasing first milestone; in
 * each bracket every trial runs to the milestone and is {@link SchedulerDecision#PAUSE paused} there; when the
 * last one arrives, the best {@code 1/reductionFactor} are resumed towards the next milestone and the rest are
 * stopped. Trials should report checkpoints: a paused trial resumes from its last one.
 *
 * <p>Brackets, as Ray computes them: {@code sMax+1 = round(log(maxT)/log(eta)) + 1} brackets per band; bracket
 * {@code s} takes {@code ceil((sMax+1)/(s+1) * eta^s)} trials with first milestone {@code int(maxT * eta^-s)}
 * (a bracket whose milestone rounds to 0 is skipped); trials fill bracket 0 (no halving, runs to {@code maxT})
 * first, then bracket 1, and so on, then a new band. With {@code maxT = 81, eta = 3}: 5, 8, 15, 34 and 81 trials.
 *
 * <p>A trial that loses a halving while paused is simply never resumed: it holds no resources, and the tuner
 * ends it as {@link TrialStatus#STOPPED} once nothing is left to run. The trial whose result completes a
 * milestone gets {@link SchedulerDecision#STOP} or {@link SchedulerDecision#CONTINUE} at once; one that reaches
 * its bracket's last milestone is stopped there (Ray pauses it and stops it when the bracket ends: the same
 * outcome, with its resources freed sooner).
 */
public final class HyperBandScheduler implements TrialScheduler {
    private String timeAttr = "training_iteration";
    private double maxT = 81;
    private double reductionFactor = 3;
    private String metric;
    private Mode mode;

    private final List<List<HyperBandBracket>> bands = new ArrayList<>();
    private final Map<String, HyperBandBracket> bracketOf = new HashMap<>();
    /** Paused trials that won their halving: the next ones to resume. */
    private final Set<String> resumable = new HashSet<>();
    /** Trials that lost a halving while paused, or ended: never run again. */
    private final Set<String> ended = new HashSet<>();
    private HyperBandBracket current;
    private int numStopped;

    /** Defaults as Ray's: {@code timeAttr("training_iteration")}, {@code maxT(81)}, {@code reductionFactor(3)}. */
    public HyperBandScheduler() {
    }

    /** The result attribute that measures progress; it must grow with each report. */
    public HyperBandScheduler timeAttr(String timeAttr) {
        this.timeAttr = SchedulerChecks.attribute("timeAttr", timeAttr);
        return this;
    }

    /** The most {@code timeAttr} units any trial runs; it also fixes the number of brackets. */
    public HyperBandScheduler maxT(double maxT) {
        this.maxT = SchedulerChecks.positive("maxT", maxT);
        return this;
    }

    /** HyperBand's {@code eta}: each halving keeps {@code 1/reductionFactor} of a bracket's trials. */
    public HyperBandScheduler reductionFactor(double reductionFactor) {
        if (!(reductionFactor > 1) || Double.isInfinite(reductionFactor)) {
            throw new IllegalArgumentException("reductionFactor must be a finite number > 1, got " + reductionFactor);
        }
        this.reductionFactor = reductionFactor;
        return this;
    }

    /** How many trials this scheduler ended early (lost a halving). */
    public int numStopped() {
        return numStopped;
    }

    @Override
    public void setup(String metric, Mode mode) {
        SchedulerChecks.metricSet("hyperBand", metric, mode);
        this.metric = metric;
        this.mode = mode;
    }

    private int bracketsPerBand() {
        return (int) Math.round(Math.log(maxT) / Math.log(reductionFactor)) + 1;
    }

    @Override
    public void onTrialAdd(TrialInfo trial) {
        if (metric == null) {
            throw new IllegalStateException("hyperBand: setup(metric, mode) must come before the first trial");
        }
        if (current == null || current.filled()) {
            current = nextBracket();
        }
        current.add(trial.trialId());
        bracketOf.put(trial.trialId(), current);
    }

    /** A new bracket in the current band, or the first of a new band when the current one is full. */
    private HyperBandBracket nextBracket() {
        int perBand = bracketsPerBand();
        while (true) {
            if (bands.isEmpty() || bands.get(bands.size() - 1).size() == perBand) {
                bands.add(new ArrayList<>());
            }
            List<HyperBandBracket> band = bands.get(bands.size() - 1);
            int s = band.size();
            int firstMilestone = (int) (maxT * Math.pow(reductionFactor, -s));
            int size = (int) Math.ceil(perBand / (s + 1.0) * Math.pow(reductionFactor, s));
            HyperBandBracket bracket = firstMilestone == 0 ? null
                    : new HyperBandBracket(timeAttr, size, firstMilestone, maxT, reductionFactor, s);
            // A skipped bracket still takes its place in the band, as in Ray.
            band.add(bracket);
            if (bracket != null) {
                return bracket;
            }
        }
    }

    @Override
    public SchedulerDecision onTrialResult(TrialInfo trial, Map<String, Object> result) {
        String id = trial.trialId();
        HyperBandBracket bracket = bracketOf.get(id);
        if (bracket == null || !bracket.isLive(id)) {
            // Not ours any more (lost a halving): never let it run on.
            return SchedulerDecision.STOP;
        }
        double time = SchedulerChecks.number(result, timeAttr, id);
        double value = SchedulerChecks.number(result, metric, id);
        bracket.update(id, time, mode.signed(value));
        if (bracket.continueTrial(id)) {
            return SchedulerDecision.CONTINUE;
        }
        if (bracket.lastRound()) {
            // Past the last milestone nothing is left to decide for this trial.
            bracket.remove(id);
            ended.add(id);
            return SchedulerDecision.STOP;
        }
        return processBracket(bracket, id);
    }

    /**
     * Called whenever a trial reaches the milestone or leaves the bracket: once every live trial is at the
     * milestone, halve. {@code currentId} is the trial whose result triggered this (null when none did); the
     * returned decision is for it.
     */
    private SchedulerDecision processBracket(HyperBandBracket bracket, String currentId) {
        if (!bracket.milestoneReached() || bracket.lastRound()) {
            return SchedulerDecision.PAUSE;
        }
        SchedulerDecision decision = SchedulerDecision.PAUSE;
        for (String bad : bracket.halve()) {
            numStopped++;
            resumable.remove(bad);
            ended.add(bad);
            if (bad.equals(currentId)) {
                decision = SchedulerDecision.STOP;
            }
        }
        for (String good : bracket.liveTrials()) {
            if (bracket.continueTrial(good)) {
                if (good.equals(currentId)) {
                    decision = SchedulerDecision.CONTINUE;
                } else {
                    resumable.add(good);
                }
            }
        }
        return decision;
    }

    @Override
    public void onTrialComplete(TrialInfo trial, Map<String, Object> lastResult) {
        remove(trial);
    }

    @Override
    public void onTrialError(TrialInfo trial) {
        remove(trial);
    }

    /** A trial that left early no longer holds its bracket back: the others may now be halved. */
    private void remove(TrialInfo trial) {
        String id = trial.trialId();
        resumable.remove(id);
        ended.add(id);
        HyperBandBracket bracket = bracketOf.get(id);
        if (bracket == null || !bracket.isLive(id)) {
            return;
        }
        bracket.remove(id);
        if (!bracket.liveTrials().isEmpty() && !bracket.finished()) {
            processBracket(bracket, null);
        }
    }

    /**
     * Fair scheduling as Ray's: within each band, the least complete bracket first; within a bracket, the
     * first trial (in joining order) that never started or was resumed by a halving.
     */
    @Override
    public TrialInfo chooseTrialToRun(List<TrialInfo> pending, List<TrialInfo> paused) {
        Map<String, TrialInfo> candidates = new HashMap<>();
        pending.forEach(t -> candidates.put(t.trialId(), t));
        for (TrialInfo t : paused) {
            if (resumable.contains(t.trialId())) {
                candidates.put(t.trialId(), t);
            }
        }
        for (List<HyperBandBracket> band : bands) {
            List<HyperBandBracket> brackets = new ArrayList<>();
            for (HyperBandBracket b : band) {
                if (b != null) {
                    brackets.add(b);
                }
            }
            brackets.sort(Comparator.comparingDouble(HyperBandBracket::completion));
            for (HyperBandBracket bracket : brackets) {
                for (String id : bracket.liveTrials()) {
                    TrialInfo chosen = candidates.get(id);
                    if (chosen != null && !ended.contains(id)) {
                        resumable.remove(id);
                        return chosen;
                    }
                }
            }
        }
        return null;
    }

    /** The brackets of every band, for the progress display and tests. */
    public String debugString() {
        StringBuilder out = new StringBuilder("HyperBand: stopped " + numStopped);
        for (int i = 0; i < bands.size(); i++) {
            out.append("\n band ").append(i).append(':');
            for (HyperBandBracket b : bands.get(i)) {
                if (b != null) {
                    out.append("\n  ").append(b);
                }
            }
        }
        return out.toString();
    }

    /** The milestone each bracket of the current bands is at, band by band (skipped brackets left out). */
    List<Integer> milestones() {
        List<Integer> out = new ArrayList<>();
        for (List<HyperBandBracket> band : bands) {
            for (HyperBandBracket b : band) {
                if (b != null) {
                    out.add(b.milestone());
                }
            }
        }
        return out;
    }

    /** Bracket sizes, band by band (skipped brackets left out). */
    List<Integer> bracketSizes() {
        List<Integer> out = new ArrayList<>();
        for (List<HyperBandBracket> band : bands) {
            for (HyperBandBracket b : band) {
                if (b != null) {
                    out.add(b.maxTrials());
                }
            }
        }
        return out;
    }
}
