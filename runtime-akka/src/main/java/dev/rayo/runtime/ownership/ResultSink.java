package dev.rayo.runtime.ownership;

import dev.rayo.runtime.wire.StoredValue;
/** Delivers the outcome of a task or actor call to the process that owns its return objects. */
public interface ResultSink {

    /** Records {@code value} as object {@code objectId} at the owner {@code ownerAddress}. */
    void report(String ownerAddress, String objectId, StoredValue value);

    /** Tells the owner that node {@code nodeAddress} now holds task {@code taskId}, after {@code hops} forwards. */
    void placed(String ownerAddress, String taskId, String nodeAddress, int hops);
}
