/**
 * The dashboard's HTTP side on Akka HTTP 10.2: binding with port fallback, the routes of OPERATIONS.md, the
 * token check, static pages from the jar, the health probe, and the JSON error answers shared by all of them.
 */
package dev.rayo.dashboard.http;
