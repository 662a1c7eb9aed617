/**
 * Moving objects between hosts: the {@code TransferEndpoint} serving chunks and deletes, and the
 * {@code ObjectPuller} that copies an object into this host's store with a window of chunks in flight.
 */
package dev.rayo.runtime.transfer;
