/**
 * {@code rayo bench}: Ray's microbenchmark metrics run on Rayo beside a plain-JDK baseline measured in the
 * same run, with medians, spreads and latency percentiles, printed as a table or written as JSON.
 */
package dev.rayo.bench;
