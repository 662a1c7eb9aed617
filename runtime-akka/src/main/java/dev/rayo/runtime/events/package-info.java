/**
 * Task events (submitted, started, phases, finished, failed): recorded in a bounded lock-free log per node
 * ({@code TaskEventLog}), and, with {@code rayo.events.export = jdbc}, copied from it by an
 * {@code EventExporter} on its own thread to the table {@code rayo_task_events} of the journal database, from
 * which {@code ExportedEvents} reads them back after the cluster is gone.
 */
package dev.rayo.runtime.events;
