package dev.rayo.samples.modelsearch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One random forest's settings (Smile's names), plus the seed of its trees so that training
 * it twice, anywhere, grows the same forest.
 *
 * @param trees     how many trees
 * @param maxDepth  the deepest a tree may grow
 * @param mtry      features tried at each split
 * @param nodeSize  nodes with fewer rows are not split
 * @param subsample rows each tree draws: 1.0 is a bootstrap sample, less is without replacement
 * @param seed      the first of the trees' seeds (each tree gets seed, seed + 1, ...; all &gt; 1)
 */
public record HyperParams(int trees, int maxDepth, int mtry, int nodeSize, double subsample, long seed)
        implements Serializable {

    /**
     * A random search: {@code count} settings drawn from a fixed space (depth 2–20, mtry 1–features,
     * node size 2–20, subsample 0.5–1.0), all with {@code trees} trees so each costs about the
     * same. The same seed always gives the same list.
     */
    public static List<HyperParams> randomSearch(int count, int trees, int features, long seed) {
        if (count < 1 || trees < 1 || features < 1) {
            throw new IllegalArgumentException("need at least one model, one tree and one feature");
        }
        Random random = new Random(seed);
        List<HyperParams> space = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int maxDepth = 2 + random.nextInt(19);
            int mtry = 1 + random.nextInt(features);
            int nodeSize = 2 + random.nextInt(19);
            double subsample = (10 + random.nextInt(11)) / 20.0;
            long treeSeed = 2 + (random.nextLong() >>> 24);
            space.add(new HyperParams(trees, maxDepth, mtry, nodeSize, subsample, treeSeed));
        }
        return space;
    }
}
