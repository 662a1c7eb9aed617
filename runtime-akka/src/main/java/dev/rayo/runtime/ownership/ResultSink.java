package dev.rayo.runtime.ownership;

/** Delivers the outcome of a task or actor call to the process that owns its return objects. */
public interface ResultSink {

    /** Records {@code value} as object {@code objectId} at the owner {@code ownerAddress}. */
    void report(String ownerAddress, String objectId, StoredValue value);
}
