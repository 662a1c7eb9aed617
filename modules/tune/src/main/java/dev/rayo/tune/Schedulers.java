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
}
