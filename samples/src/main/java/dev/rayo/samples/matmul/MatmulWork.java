package dev.rayo.samples.matmul;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;

import java.util.Random;

/**
 * The unit of work of the matmul experiment, as the seed defines it: make a random square
 * matrix and multiply it by itself {@code repeats} times. It runs both in the serial loop and
 * as a Rayo task, so it is a static method (the normal form of a Rayo task).
 */
public final class MatmulWork {

    private MatmulWork() {
    }

    /**
     * Builds a {@code size}×{@code size} matrix from {@code seed} and multiplies it by itself
     * {@code repeats} times with EJML.
     *
     * <p>Returns the element sum of the last product instead of the matrix: the point is the
     * compute, and a small result keeps the task's reply tiny (a 1000×1000 matrix is 8 MB).
     * The same seed always gives the same checksum, so the serial and Rayo runs can be compared.
     */
    public static double multiply(int size, int repeats, long seed) {
        if (size < 1 || repeats < 1) {
            throw new IllegalArgumentException("size and repeats must be positive: " + size + ", " + repeats);
        }
        DMatrixRMaj a = RandomMatrices_DDRM.rectangle(size, size, new Random(seed));
        DMatrixRMaj product = new DMatrixRMaj(size, size);
        for (int r = 0; r < repeats; r++) {
            CommonOps_DDRM.mult(a, a, product);
        }
        return CommonOps_DDRM.elementSum(product);
    }
}
