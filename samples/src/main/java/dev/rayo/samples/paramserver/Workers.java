package dev.rayo.samples.paramserver;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;

import java.util.List;

/** The workers' task: one gradient over one data shard. */
public final class Workers {

    private Workers() {
    }

    /**
     * Fetches the current weights from the servers' slices, computes the gradient on the shard
     * and returns it cut into one part per server (submitted with {@code setNumReturns}, so each
     * part is its own object and each server reads only its own).
     */
    public static List<GradientPart> gradient(Shard shard, List<ObjectRef<double[]>> weightSlices, Slicing slicing) {
        return shard.gradient(slicing.join(Rayo.get(weightSlices)), slicing);
    }

    /** The gradient as one part, for a single unsharded server. */
    public static GradientPart wholeGradient(Shard shard, List<ObjectRef<double[]>> weightSlices, Slicing slicing) {
        if (slicing.count() != 1) {
            throw new IllegalArgumentException("the whole gradient is for one server, not " + slicing.count());
        }
        return gradient(shard, weightSlices, slicing).get(0);
    }
}
