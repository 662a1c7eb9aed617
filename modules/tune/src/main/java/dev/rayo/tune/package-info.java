/**
 * Rayo Tune: hyper-parameter search whose trials run as Rayo actors anywhere in the cluster, with stop
 * criteria, early-stopping schedulers (ASHA, HyperBand, median stopping) and population based training.
 * The contract is {@code shared/TUNE.md}; {@link dev.rayo.tune.Tuner} is where a search starts.
 */
package dev.rayo.tune;
