package dev.rayo.bench;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The peer's no-op task, the counterpart of {@link BenchFns#noop()}: a plain static {@link Serializable}
 * class with no state, which is how a JVM team hands a task to Hazelcast's executor service.
 */
public final class NoopCallable implements Callable<Integer>, Serializable {
    private static final long serialVersionUID = 1L;

    /** The one instance the workloads submit (each submit serializes it anyway). */
    static final NoopCallable INSTANCE = new NoopCallable();

    @Override
    public Integer call() {
        return 0;
    }
}
