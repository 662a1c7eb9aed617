package dev.rayo.runtime.ownership;

import dev.rayo.runtime.wire.StoredValue;
/** Delivers the outcome of a task or actor call to the process that owns its return objects. */
public interface ResultSink {

    /** Records {@code value} as object {@code objectId} at the owner {@code ownerAddress}. */
    void report(String ownerAddress, String objectId, StoredValue value);

    /**
     * Like {@link #report(String, String, StoredValue)} for a value into which the keys {@code contained}
     * were serialized: they are held for the owner until it holds them itself.
     */
    default void report(String ownerAddress, String objectId, StoredValue value, java.util.List<NestedRefs.Held> contained) {
        report(ownerAddress, objectId, value);
    }

    /** Tells the owner that node {@code nodeAddress} now holds task {@code taskId}, after {@code hops} forwards. */
    void placed(String ownerAddress, String taskId, String nodeAddress, int hops);
}
