package dev.rayo.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One bracket of synchronous HyperBand: up to {@code n} trials run to a common milestone, then the best
 * {@code 1/eta} of them go on to the next milestone and the rest end. The milestones follow Ray's arithmetic
 * exactly ({@code r <- int(min(r * eta, maxT - milestone))}), so a bracket with several halvings ends at the
 * milestone Ray's does (54 rather than 81 for {@code maxT = 81, eta = 3}).
 */
final class HyperBandBracket {
    private final String timeAttr;
    private final double eta;
    private final double maxT;
    private final int maxTrials;
    /** Live trials in the order they were added, with their latest time (0 before the first result). */
    private final Map<String, Double> live = new LinkedHashMap<>();
    /** Live trials' latest metric, signed so that larger is better. */
    private final Map<String, Double> score = new LinkedHashMap<>();
    private final double totalWork;
    private int n;
    private int r;
    private int milestone;
    private int halvingsLeft;
    private double completedProgress;

    HyperBandBracket(String timeAttr, int maxTrials, int initialT, double maxT, double eta, int halvings) {
        this.timeAttr = timeAttr;
        this.maxTrials = maxTrials;
        this.n = maxTrials;
        this.r = initialT;
        this.milestone = initialT;
        this.maxT = maxT;
        this.eta = eta;
        this.halvingsLeft = halvings;
        this.totalWork = totalWork(maxTrials, initialT, halvings);
    }

    /** Whether no more trial may join (Ray fills a bracket only at its first milestone). */
    boolean filled() {
        return live.size() == n;
    }

    void add(String trialId) {
        live.put(trialId, 0.0);
    }

    boolean isLive(String trialId) {
        return live.containsKey(trialId);
    }

    /** Live trials, in the order they joined. */
    List<String> liveTrials() {
        return new ArrayList<>(live.keySet());
    }

    /** Records a result: its time counts as progress, its metric as the trial's current score. */
    void update(String trialId, double time, double signedScore) {
        double last = live.getOrDefault(trialId, 0.0);
        // A trial restored from an older checkpoint reports an earlier time: no progress, as in Ray.
        completedProgress += Math.max(0, time - last);
        live.put(trialId, time);
        score.put(trialId, signedScore);
    }

    /** Whether the trial has not yet reached the current milestone. */
    boolean continueTrial(String trialId) {
        return live.getOrDefault(trialId, 0.0) < milestone;
    }

    /** Every live trial has reached the current milestone. */
    boolean milestoneReached() {
        return live.values().stream().allMatch(t -> t >= milestone);
    }

    /** The last round is over: no halving is left and every live trial reached the last milestone. */
    boolean finished() {
        return halvingsLeft == 0 && milestoneReached();
    }

    boolean lastRound() {
        return halvingsLeft == 0;
    }

    /**
     * Successive halving: keeps the best {@code ceil(n / eta)} live trials for the next, longer milestone and
     * returns the others, which leave the bracket.
     */
    List<String> halve() {
        halvingsLeft--;
        n = (int) Math.ceil(n / eta);
        r = (int) Math.min(r * eta, maxT - milestone);
        milestone = r;
        List<String> ranked = new ArrayList<>(live.keySet());
        ranked.sort(Comparator.comparingDouble(id -> score.getOrDefault(id, Double.NEGATIVE_INFINITY)));
        List<String> bad = new ArrayList<>(ranked.subList(0, Math.max(0, ranked.size() - n)));
        bad.forEach(this::remove);
        return bad;
    }

    void remove(String trialId) {
        live.remove(trialId);
        score.remove(trialId);
    }

    int milestone() {
        return milestone;
    }

    int maxTrials() {
        return maxTrials;
    }

    /** Share of the bracket's planned work done: HyperBand resumes the least advanced bracket first. */
    double completion() {
        if (finished()) {
            return 1.0;
        }
        return totalWork <= 0 ? 1.0 : Math.min(completedProgress / totalWork, 1.0);
    }

    private double totalWork(int trials, int initialT, int halvings) {
        double work = 0;
        int count = trials;
        int t = initialT;
        for (int i = 0; i <= halvings; i++) {
            work += (double) count * t;
            count = (int) Math.ceil(count / eta);
            // Ray's estimate caps each round against the first milestone, not the running one.
            t = (int) Math.min(t * eta, maxT - initialT);
        }
        return work;
    }

    @Override
    public String toString() {
        return "Bracket(n=" + n + ", milestone " + timeAttr + "=" + milestone + ", live=" + live.size() + ")";
    }
}
