/**
 * The owner's side of objects (Ray's ownership model): the {@code ObjectTable} of the objects this process
 * created, with their values, lineage and local reference counts; {@code RayoObjectRef}; the task tracker;
 * the {@code OwnerEndpoint} other nodes report results to and fetch from; and the {@code OwnerClient},
 * through which schedulers, runners and actor hosts resolve refs and report results.
 */
package dev.rayo.runtime.ownership;
