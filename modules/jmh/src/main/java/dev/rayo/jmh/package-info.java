/**
 * {@code rayo jmh}: JMH benchmarks of single hot paths (store put/get, Kryo round trips, resource accounting),
 * each {@code rayo_X} beside a {@code jdk_X} baseline of the same run, and the ratio table they print.
 */
package dev.rayo.jmh;
