/**
 * The per-host, memory-mapped, zero-copy object store: immutable objects shared by every JVM of a host through
 * files in a memory-backed directory ({@code /dev/shm}), with no Akka and no broker process.
 *
 * <p>The package owns everything of the store on the host: the store directory (the control file, one file per
 * in-memory object, the pool of freed files), the spill directory on local disk, and this process's mappings of
 * those files. Its public surface is {@link dev.rayo.store.ObjectStores} to open a store,
 * {@link dev.rayo.store.ObjectStore} (implemented by {@link dev.rayo.store.SharedObjectStore}) with its
 * {@link dev.rayo.store.WritableObject} and {@link dev.rayo.store.ReadableObject}, and
 * {@link dev.rayo.store.StoreConfig} / {@link dev.rayo.store.StoreStats}.
 *
 * <p>Inside, each piece of shared state has one owner: {@code ControlFile} the layout of the shared memory,
 * {@code HostLock} the host-wide lock, {@code ObjectTable} the slots of the object table, {@code FilePool} the
 * pooled files, {@code Evictor} the moves between memory and the spill directory, {@code ProcessSweeper} what dead
 * processes leave behind, and {@code MappingCache} this process's mappings.
 */
package dev.rayo.store;
