package dev.rayo.tune;

/**
 * The schedulers, by Ray's names and with Ray's defaults (TUNE.md, "Schedulers"). Each returns a fresh
 * scheduler whose setters return itself, for one {@link Tuner}.
 */
public final class Schedulers {
    private Schedulers() {
    }

    /** First in, first out: every trial runs until its trainable or a stop criterion ends it (the default). */
    public static FifoScheduler fifo() {
        return new FifoScheduler();
    }

    /**
     * Asynchronous successive halving (Ray's {@code ASHAScheduler}): stops trials that fall below the top
     * {@code 1/reductionFactor} at rungs {@code gracePeriod * reductionFactor^k}.
     */
    public static AshaScheduler asha() {
        return new AshaScheduler();
    }

    /**
     * Synchronous HyperBand (Ray's {@code HyperBandScheduler}): brackets of trials paused at common milestones,
     * the best {@code 1/reductionFactor} resumed at each, the rest stopped.
     */
    public static HyperBandScheduler hyperBand() {
        return new HyperBandScheduler();
    }

    /**
     * The median stopping rule (Ray's {@code MedianStoppingRule}): stops a trial whose best result is worse than
     * the median of the other trials' running averages at the same time.
     */
    public static MedianStoppingScheduler medianStopping() {
        return new MedianStoppingScheduler();
    }

    /**
     * Population based training (Ray's {@code PopulationBasedTraining}): bottom trials periodically copy a top
     * trial's checkpoint and explore its config. Needs at least one {@code mutation} or {@code mutationRange}.
     */
    public static PbtScheduler pbt() {
        return new PbtScheduler();
    }
}
