/**
 * The owner's side of objects (Ray's ownership model): the {@code ObjectTable} of the objects this process
 * created, with their values, lineage and nested refs; the process's {@code ReferenceCounter} (Ray's
 * distributed reference counting, for objects and actor handles: local counts from JVM reachability and
 * pins, borrowers registered with owners) and {@code NestedRefs}, which captures the refs serialized into
 * a value; {@code RayoObjectRef}; the task tracker; the {@code OwnerEndpoint} other nodes report results,
 * fetch and borrow from; and the {@code OwnerClient}, through which schedulers, runners and actor hosts
 * resolve refs and report results.
 */
package dev.rayo.runtime.ownership;
