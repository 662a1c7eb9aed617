/**
 * Moving objects between hosts: the {@code TransferEndpoint} answering over Akka where an object streams from
 * (and serving chunks and deletes), the {@code TransferServer} streaming sealed objects from their mappings over
 * TCP, and the {@code ObjectPuller} that copies an object into this host's store, from that stream straight into
 * the new object's mapping, or with a window of Akka chunks in flight.
 */
package dev.rayo.runtime.transfer;
