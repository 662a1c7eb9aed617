/**
 * The typed errors a program sees: task failures (with the remote cause), actor deaths, lost objects, a full
 * store, serialization and configuration errors, timeouts.
 */
package dev.rayo.api.exception;
