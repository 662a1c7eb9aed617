package dev.rayo.samples.pipeline;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.samples.common.Timed;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's four-stage pipeline over several inputs, serially and on Rayo. On Rayo each
 * stage is a task fed by the previous stage's future, so the inputs flow through the stages
 * side by side without the driver waiting between stages. Needs a running Rayo runtime
 * (only for {@link #onRayo}).
 */
public final class Pipeline {
    /** Number of stages one input goes through. */
    public static final int STAGES = 4;

    private final long stageMillis;

    /** A pipeline whose stages each sleep {@code stageMillis}. */
    public Pipeline(long stageMillis) {
        if (stageMillis < 0) {
            throw new IllegalArgumentException("stage time must not be negative: " + stageMillis);
        }
        this.stageMillis = stageMillis;
    }

    /** Runs every input through every stage in the calling thread; the losses in input order. */
    public Timed<List<Double>> serial(int inputs) {
        return Timed.of(() -> {
            List<Double> losses = new ArrayList<>(inputs);
            for (int input = 0; input < inputs; input++) {
                losses.add(Stages.all(input, stageMillis));
            }
            return losses;
        });
    }

    /**
     * Submits all stages of all inputs as chained Rayo tasks, then gets the losses in input order.
     * One untimed pass without sleeps goes first, so the first use of the stages' classes and
     * serializers in this JVM is not counted as pipeline time.
     */
    public Timed<List<Double>> onRayo(int inputs) {
        if (stageMillis > 0) {
            new Pipeline(0).onRayo(1);
        }
        return Timed.of(() -> {
            List<ObjectRef<Double>> losses = new ArrayList<>(inputs);
            for (int input = 0; input < inputs; input++) {
                ObjectRef<double[]> data = Rayo.task(Stages::load, input, stageMillis).remote();
                ObjectRef<double[]> normalized = Rayo.task(Stages::normalize, data, stageMillis).remote();
                ObjectRef<double[]> features = Rayo.task(Stages::features, normalized, stageMillis).remote();
                losses.add(Rayo.task(Stages::loss, features, stageMillis).remote());
            }
            return Rayo.get(losses);
        });
    }

    /** What the serial run should take: every stage of every input, one after another. */
    public double serialSumSeconds(int inputs) {
        return inputs * STAGES * stageMillis / 1000.0;
    }
}
