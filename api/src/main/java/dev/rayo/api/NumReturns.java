package dev.rayo.api;

/** The rules on a call's number of returns, shared by task and actor callers. */
final class NumReturns {
    private NumReturns() {
    }

    /** {@code n}, when it is a possible number of returns. */
    static int checked(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("numReturns must be at least 1, was " + n);
        }
        return n;
    }

    /** Refuses {@code remote()} on a call that returns several objects. */
    static void requireSingle(int numReturns) {
        if (numReturns != 1) {
            throw new IllegalStateException("setNumReturns(" + numReturns + ") was called: use remoteMany()");
        }
    }
}
