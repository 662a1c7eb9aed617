package dev.rayo.store;

/**
 * A snapshot of a host's object store, taken without the host lock so figures may be mutually off by an
 * operation in flight.
 *
 * @param capacityBytes    host-wide in-memory capacity
 * @param usedBytes        bytes held in memory by sealed and unsealed objects
 * @param spilledBytes     bytes held in the spill directory
 * @param objectsInMemory  sealed or unsealed objects with a memory file
 * @param objectsSpilled   objects living only in the spill directory
 * @param evictions        objects moved from memory to disk since the control file was created
 * @param restores         objects moved back from disk since the control file was created
 * @param mappedByThisProcess memory files this process keeps mapped
 * @param pooledBytes      bytes of freed memory files kept for reuse (counted against the capacity, not in
 *                         {@code usedBytes})
 * @param pooledFiles      freed memory files kept for reuse
 */
public record StoreStats(
    long capacityBytes,
    long usedBytes,
    long spilledBytes,
    int objectsInMemory,
    int objectsSpilled,
    long evictions,
    long restores,
    int mappedByThisProcess,
    long pooledBytes,
    int pooledFiles) {
}
