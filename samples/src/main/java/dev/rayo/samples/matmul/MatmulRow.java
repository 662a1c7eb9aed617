package dev.rayo.samples.matmul;

/**
 * One line of the matmul comparison: the same {@code tasks} units of work run serially and on
 * Rayo.
 *
 * @param tasks        how many independent units ran
 * @param serialSeconds wall time of the plain loop in one thread
 * @param rayoSeconds  wall time of submitting them all as Rayo tasks and getting the results
 * @param checksum     sum of the units' checksums (identical for both runs, or the run fails)
 */
public record MatmulRow(int tasks, double serialSeconds, double rayoSeconds, double checksum) {

    /** How many times faster Rayo was than the serial loop. */
    public double speedUp() {
        return serialSeconds / rayoSeconds;
    }
}
