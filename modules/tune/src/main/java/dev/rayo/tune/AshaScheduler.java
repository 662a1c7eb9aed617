package dev.rayo.tune;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Asynchronous successive halving, as Ray's {@code AsyncHyperBandScheduler} (ASHA). Bracket {@code s} has rungs
 * at {@code gracePeriod * reductionFactor^(k + s)} below {@code maxT}. When a trial's {@code timeAttr} first
 * reaches a rung, its metric is compared with every value recorded at that rung before it: below the
 * {@code (1 - 1/reductionFactor)} quantile (linear interpolation, numpy's default) it is stopped; either way its
 * value is recorded there. Because each trial is judged against the trials that reached the rung before it, no
 * trial waits for a rung to fill (asynchronous), and the first trials at a rung always pass. A trial reaching
 * {@code maxT} is stopped. Trials are spread over brackets at random, weighted by a softmax of the brackets'
 * rung counts (Ray's rule); with the default single bracket the schedule is deterministic.
 */
public final class AshaScheduler implements TrialScheduler, Serializable {
    private static final long serialVersionUID = 1L;

    private String timeAttr = "training_iteration";
    private double maxT = 100;
    private double gracePeriod = 1;
    private double reductionFactor = 4;
    private int brackets = 1;
    private long seed;

    private String metric;
    private Mode mode;
    private List<Bracket> bracketList;
    private Map<String, Bracket> trialBracket;
    private Random random;
    private int stopped;

    AshaScheduler() {
    }

    /** The result key measuring progress (default {@code training_iteration}); must grow monotonically. */
    public AshaScheduler timeAttr(String attr) {
        if (attr == null || attr.isBlank()) {
            throw new IllegalArgumentException("ASHA timeAttr must be a non-blank result key");
        }
        this.timeAttr = attr;
        return this;
    }

    /** A trial is stopped once {@code timeAttr} reaches this (default 100). */
    public AshaScheduler maxT(double maxT) {
        if (!(maxT > 0)) {
            throw new IllegalArgumentException("ASHA maxT must be > 0, was " + maxT);
        }
        this.maxT = maxT;
        return this;
    }

    /** The first rung: no trial is stopped younger than this (default 1). */
    public AshaScheduler gracePeriod(double gracePeriod) {
        if (!(gracePeriod > 0)) {
            throw new IllegalArgumentException("ASHA gracePeriod must be > 0, was " + gracePeriod);
        }
        this.gracePeriod = gracePeriod;
        return this;
    }

    /** The rungs' spacing and the fraction kept at each, 1/reductionFactor (default 4). */
    public AshaScheduler reductionFactor(double reductionFactor) {
        if (!(reductionFactor > 1)) {
            throw new IllegalArgumentException("ASHA reductionFactor must be > 1, was " + reductionFactor);
        }
        this.reductionFactor = reductionFactor;
        return this;
    }

    /** How many brackets, each starting its rungs one factor later (default 1). */
    public AshaScheduler brackets(int brackets) {
        if (brackets < 1) {
            throw new IllegalArgumentException("ASHA brackets must be >= 1, was " + brackets);
        }
        this.brackets = brackets;
        return this;
    }

    /** The seed of the bracket draws (default 0), for reproducible multi-bracket runs. */
    public AshaScheduler seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Checks the options together and builds the brackets; ASHA needs the tuner's metric. */
    @Override
    public void setup(String metric, Mode mode) {
        if (metric == null || mode == null) {
            throw new IllegalArgumentException("the ASHA scheduler needs the tuner's metric: call metric(name, mode)");
        }
        if (gracePeriod > maxT) {
            throw new IllegalArgumentException("ASHA gracePeriod (" + gracePeriod + ") must be <= maxT (" + maxT + ")");
        }
        this.metric = metric;
        this.mode = mode;
        this.bracketList = new ArrayList<>();
        for (int s = 0; s < brackets; s++) {
            bracketList.add(new Bracket(s));
        }
        this.trialBracket = new HashMap<>();
        this.random = new Random(seed);
        this.stopped = 0;
    }

    /** Puts the trial in a bracket: softmax over the brackets' rung counts, as Ray. */
    @Override
    public void onTrialAdd(TrialInfo trial) {
        double[] weights = new double[bracketList.size()];
        int most = bracketList.stream().mapToInt(b -> b.rungs.size()).max().orElse(0);
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = Math.exp(bracketList.get(i).rungs.size() - most);
            sum += weights[i];
        }
        double pick = random.nextDouble() * sum;
        int chosen = weights.length - 1;
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                chosen = i;
                break;
            }
        }
        trialBracket.put(trial.trialId(), bracketList.get(chosen));
    }

    /** STOP at {@code maxT} or below a rung's cutoff; otherwise CONTINUE. */
    @Override
    public SchedulerDecision onTrialResult(TrialInfo trial, Map<String, Object> result) {
        if (!(result.get(timeAttr) instanceof Number t) || !(result.get(metric) instanceof Number v)) {
            return SchedulerDecision.CONTINUE;
        }
        SchedulerDecision decision = t.doubleValue() >= maxT ? SchedulerDecision.STOP
                : bracketOf(trial).onResult(trial.trialId(), t.doubleValue(), mode.signed(v.doubleValue()));
        if (decision == SchedulerDecision.STOP) {
            stopped++;
        }
        return decision;
    }

    /** Records the final value at the rung it reached, so later trials are judged against it too (as Ray). */
    @Override
    public void onTrialComplete(TrialInfo trial, Map<String, Object> lastResult) {
        if (lastResult != null && lastResult.get(timeAttr) instanceof Number t
                && lastResult.get(metric) instanceof Number v) {
            bracketOf(trial).onResult(trial.trialId(), t.doubleValue(), mode.signed(v.doubleValue()));
        }
    }

    /** The rung each bracket stops at, for tests and the README: {@code [1, 4, 16, 64]} with the defaults. */
    public List<List<Double>> rungs() {
        List<List<Double>> out = new ArrayList<>();
        for (int s = 0; s < brackets; s++) {
            out.add(new Bracket(s).rungs.stream().map(r -> r.milestone).sorted().toList());
        }
        return out;
    }

    private Bracket bracketOf(TrialInfo trial) {
        Bracket b = trialBracket.get(trial.trialId());
        if (b == null) {
            // A trial added before a restore replays its end here without an onTrialAdd of this instance.
            onTrialAdd(trial);
            b = trialBracket.get(trial.trialId());
        }
        return b;
    }

    @Override
    public String toString() {
        return "ASHA(maxT=" + maxT + ", gracePeriod=" + gracePeriod + ", reductionFactor=" + reductionFactor
                + ", brackets=" + brackets + ", stopped=" + stopped + ")";
    }

    /** One milestone and the (signed) values trials had on reaching it. */
    private static final class Rung implements Serializable {
        private static final long serialVersionUID = 1L;
        final double milestone;
        final Map<String, Double> recorded = new LinkedHashMap<>();

        Rung(double milestone) {
            this.milestone = milestone;
        }
    }

    /** The rungs of one bracket, highest first so a result finds its rung with one scan. */
    private final class Bracket implements Serializable {
        private static final long serialVersionUID = 1L;
        final List<Rung> rungs = new ArrayList<>();

        Bracket(int s) {
            // The epsilon keeps exact powers (log 81 / log 3) from losing a rung to rounding.
            int count = (int) Math.floor(Math.log(maxT / gracePeriod) / Math.log(reductionFactor) - s + 1 + 1e-9);
            for (int k = count - 1; k >= 0; k--) {
                rungs.add(new Rung(gracePeriod * Math.pow(reductionFactor, k + s)));
            }
        }

        SchedulerDecision onResult(String trialId, double time, double value) {
            for (Rung rung : rungs) {
                if (time < rung.milestone || rung.recorded.containsKey(trialId)) {
                    continue;
                }
                SchedulerDecision decision = SchedulerDecision.CONTINUE;
                if (!rung.recorded.isEmpty() && value < cutoff(rung.recorded.values())) {
                    decision = SchedulerDecision.STOP;
                }
                rung.recorded.put(trialId, value);
                return decision;
            }
            return SchedulerDecision.CONTINUE;
        }

        private double cutoff(java.util.Collection<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            double rank = (1 - 1 / reductionFactor) * (sorted.length - 1);
            int lo = (int) Math.floor(rank);
            int hi = Math.min(lo + 1, sorted.length - 1);
            return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
        }
    }
}
