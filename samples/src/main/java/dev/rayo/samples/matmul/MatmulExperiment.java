package dev.rayo.samples.matmul;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.samples.common.Progress;
import dev.rayo.samples.common.Timed;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's "native vs Rayo" experiment: for n = 1..maxTasks, run n units of
 * {@link MatmulWork} in a plain loop, then as n Rayo tasks, and record both wall times.
 * Needs a running Rayo runtime.
 */
public final class MatmulExperiment {
    private static final long WARM_UP_SEED = -1L;
    private static final int WARM_UP_REPEATS = 3;

    private final MatmulSettings settings;

    /** An experiment of this size. */
    public MatmulExperiment(MatmulSettings settings) {
        this.settings = settings;
    }

    /**
     * Runs the experiment and returns one row per task count, in order.
     *
     * @param progress stepped once per finished unit (serial or Rayo)
     * @throws IllegalStateException if the Rayo results differ from the serial ones
     */
    public List<MatmulRow> run(Progress progress) {
        warmUp();
        List<MatmulRow> rows = new ArrayList<>(settings.maxTasks());
        for (int n = 1; n <= settings.maxTasks(); n++) {
            int tasks = n;
            Timed<Double> serial = Timed.of(() -> runSerial(tasks, progress));
            Timed<Double> rayo = Timed.of(() -> runOnRayo(tasks, progress));
            if (Double.compare(serial.value(), rayo.value()) != 0) {
                throw new IllegalStateException("checksums differ for " + tasks + " tasks: serial "
                        + serial.value() + ", rayo " + rayo.value());
            }
            rows.add(new MatmulRow(tasks, serial.seconds(), rayo.seconds(), serial.value()));
        }
        return rows;
    }

    /** One small unit each way first, so class loading and JIT don't land in the first row. */
    private void warmUp() {
        int repeats = Math.min(settings.repeats(), WARM_UP_REPEATS);
        MatmulWork.multiply(settings.size(), repeats, WARM_UP_SEED);
        Rayo.get(Rayo.task(MatmulWork::multiply, settings.size(), repeats, WARM_UP_SEED).remote());
    }

    private double runSerial(int tasks, Progress progress) {
        double sum = 0;
        for (int i = 0; i < tasks; i++) {
            sum += MatmulWork.multiply(settings.size(), settings.repeats(), i);
            progress.step();
        }
        return sum;
    }

    private double runOnRayo(int tasks, Progress progress) {
        List<ObjectRef<Double>> refs = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            ObjectRef<Double> ref = Rayo.task(MatmulWork::multiply, settings.size(), settings.repeats(), (long) i)
                    .setName("matmul-" + i)
                    .remote();
            ref.toCompletableFuture().thenRun(progress::step);
            refs.add(ref);
        }
        double sum = 0;
        for (double checksum : Rayo.get(refs)) {
            sum += checksum;   // same order as the serial loop, so the sums are bit-identical
        }
        return sum;
    }
}
