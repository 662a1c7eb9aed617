/**
 * {@code ./rayo run tune-mpg}: Rayo Tune on a real regression data set. Small neural networks predict the fuel
 * consumption of the 392 cars of the Auto MPG data (shipped in this jar, nothing is downloaded), one Tune trial per
 * hyper-parameter draw, many at once as Rayo actors, with ASHA stopping the poor ones at its rungs.
 */
package dev.rayo.samples.tune;
