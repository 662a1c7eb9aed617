/**
 * The typed, validated view of the {@code rayo} configuration: {@code RayoSettings} and the
 * {@code RuntimeTuning} timeouts and limits (every key documented in {@code reference.conf}), and the
 * loader that layers builder values over {@code application.conf} over the defaults and rejects unknown keys;
 * the journal's database as akka-persistence-jdbc is configured ({@code JournalDatabase}: one plain JDBC
 * connection for what Rayo writes beside the journal); and the logging default (INFO on the console) for a
 * program that configured no logging.
 */
package dev.rayo.runtime.config;
