package dev.rayo.runtime.node;

import dev.rayo.api.exception.RayoException;

/**
 * Turns what Akka throws when a node's actor system can't start into a one-line {@link RayoException} an
 * operator can act on: Artery reports a port in use as a chain of stream and transport exceptions whose
 * messages name their classes, which the CLI would otherwise print as they are.
 */
final class StartFailures {
    private StartFailures() {
    }

    /** The error of an actor system that failed to start on {@code host:port} with {@code e}. */
    static RayoException bindFailure(String host, int port, RuntimeException e) {
        if (isPortInUse(e)) {
            return new RayoException("port " + port + " on " + host + " is already in use (rayo.node.port): stop what"
                    + " listens there or give another port (--port)", e);
        }
        return new RayoException("could not start a Rayo node on " + host + ":" + port + ": " + rootMessage(e), e);
    }

    /** Whether {@code e} or one of its causes says the address was taken. */
    static boolean isPortInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // "Address already in use" (Linux, macOS) or "Address in use"; not "Cannot assign requested address".
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("address already in use") || message.contains("address in use")) {
                return true;
            }
        }
        return false;
    }

    /** The message of the deepest cause that has one, on one line. */
    private static String rootMessage(Throwable e) {
        String message = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        // Artery quotes the exceptions it wraps by class name: the operator needs the reason only.
        return message.replaceAll("\\b[\\w.$]+(Exception|Error): *", "").strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
