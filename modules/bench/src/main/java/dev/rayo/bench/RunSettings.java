package dev.rayo.bench;

import java.time.Duration;

/**
 * How long and how often each workload is measured, and with how many CPUs; one value for the whole run,
 * so that a metric and its baseline are always measured the same way.
 *
 * @param round        wall time of one round (warm-up or timed); a round runs at least one batch
 * @param warmupRounds untimed rounds first (JIT, pools, connections)
 * @param rounds       timed rounds; the median is the figure
 * @param numCpus      CPUs for Rayo's tasks and for the baselines' pools
 * @param peer         the peer measured beside Rayo ({@code --peer}), or null for none
 */
public record RunSettings(Duration round, int warmupRounds, int rounds, int numCpus, PeerKind peer) {

    /** Settings without a peer. */
    public RunSettings(Duration round, int warmupRounds, int rounds, int numCpus) {
        this(round, warmupRounds, rounds, numCpus, null);
    }

    /** Checks the values. */
    public RunSettings {
        if (round.isNegative() || round.isZero()) {
            throw new IllegalArgumentException("the round duration must be positive");
        }
        if (warmupRounds < 0 || rounds < 1 || numCpus < 1) {
            throw new IllegalArgumentException("need warmupRounds >= 0, rounds >= 1, numCpus >= 1");
        }
    }
}
