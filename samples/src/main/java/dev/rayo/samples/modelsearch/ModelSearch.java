package dev.rayo.samples.modelsearch;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.samples.common.Progress;
import dev.rayo.samples.common.Timed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Hyper-parameter search for a random-forest regression, serially and on Rayo (the seed's
 * "scaling regression with Ray Core"): every setting is trained on the train split and scored
 * on the validation split; the search keeps the lowest RMSE. On Rayo the two splits are put
 * into the object store once and every training task reads them by ref. The Rayo run needs a
 * running Rayo runtime.
 */
public final class ModelSearch {
    private final Dataset train;
    private final Dataset validation;

    /** A search that trains on {@code train} and scores on {@code validation}. */
    public ModelSearch(Dataset train, Dataset validation) {
        this.train = train;
        this.validation = validation;
    }

    /** Trains the models one after another in this thread; scores in the order of {@code models}. */
    public Timed<List<Score>> serial(List<HyperParams> models, Progress progress) {
        return Timed.of(() -> {
            List<Score> scores = new ArrayList<>(models.size());
            for (int i = 0; i < models.size(); i++) {
                scores.add(ForestTrainer.score(train, validation, i, models.get(i)));
                progress.step();
            }
            return scores;
        });
    }

    /** Trains every model as its own Rayo task; scores in the order of {@code models}. */
    public Timed<List<Score>> onRayo(List<HyperParams> models, Progress progress) {
        return Timed.of(() -> {
            ObjectRef<Dataset> trainRef = Rayo.put(train);
            ObjectRef<Dataset> validationRef = Rayo.put(validation);
            List<ObjectRef<Score>> refs = new ArrayList<>(models.size());
            for (int i = 0; i < models.size(); i++) {
                ObjectRef<Score> ref = Rayo.task(ForestTrainer::score, trainRef, validationRef, i, models.get(i))
                        .setName("forest-" + i).remote();
                ref.toCompletableFuture().thenRun(progress::step);
                refs.add(ref);
            }
            return Rayo.get(refs);
        });
    }

    /** The model with the lowest RMSE (the first of them on a tie). */
    public static Score best(List<Score> scores) {
        return scores.stream().min(Comparator.comparingDouble(Score::rmse))
                .orElseThrow(() -> new IllegalArgumentException("no models were scored"));
    }
}
