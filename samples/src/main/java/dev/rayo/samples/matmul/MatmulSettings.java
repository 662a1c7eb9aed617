package dev.rayo.samples.matmul;

/**
 * The size of a matmul experiment.
 *
 * @param size     rows (and columns) of the square matrix
 * @param repeats  multiplications per task
 * @param maxTasks the experiment runs 1, 2, … maxTasks tasks
 */
public record MatmulSettings(int size, int repeats, int maxTasks) {

    /** Rejects sizes that cannot run, before any work starts. */
    public MatmulSettings {
        if (size < 1 || repeats < 1 || maxTasks < 1) {
            throw new IllegalArgumentException(
                    "size, repeats and max tasks must be positive: " + size + ", " + repeats + ", " + maxTasks);
        }
    }

    /** Units of work over the whole experiment (each task once serially and once on Rayo). */
    public long totalUnits() {
        return (long) maxTasks * (maxTasks + 1);
    }
}
