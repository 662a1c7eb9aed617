/**
 * The bridge from runtime values to the object-store module: {@code ValueStore} decides inline or in-store,
 * encodes with Kryo or raw for arrays and buffers ({@code RawCodec}), reads back zero-copy where it can, and
 * frees; {@code ObjectStoreFactory} opens the host's store from the settings.
 */
package dev.rayo.runtime.values;
