package dev.rayo.samples.modelsearch;

import java.io.Serializable;

/**
 * How well one model did.
 *
 * @param model  its index in the search
 * @param params its settings
 * @param rmse   root-mean-square error on the validation split
 */
public record Score(int model, HyperParams params, double rmse) implements Serializable {
}
