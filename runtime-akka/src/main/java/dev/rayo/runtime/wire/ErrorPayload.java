package dev.rayo.runtime.wire;

import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.api.exception.ObjectStoreFullException;
import dev.rayo.api.exception.RayoActorException;
import dev.rayo.api.exception.RayoException;
import dev.rayo.api.exception.RayoSerializationException;
import dev.rayo.api.exception.RayoTaskException;
import dev.rayo.api.exception.RemoteThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * An error as it travels between processes: the kind of Rayo exception to raise, and for task failures the
 * original exception's class, message, stack trace and (when it could be serialized) the exception itself.
 *
 * @param kind           which Rayo exception {@link #toException} raises
 * @param taskName       the task or actor method that failed
 * @param nodeId         the node where it failed
 * @param causeClassName the original exception's class
 * @param message        the original message (or the Rayo error's message)
 * @param stackTrace     the remote stack trace as text
 * @param causeBytes     the original exception, Kryo-encoded, or null when it couldn't be
 */
public record ErrorPayload(Kind kind, String taskName, String nodeId, String causeClassName, String message,
                           String stackTrace, byte[] causeBytes) implements RayoMessage {

    /** The exception type raised to the program. */
    public enum Kind { TASK, ACTOR, OBJECT_LOST, STORE_FULL, SERIALIZATION, SYSTEM, CANCELLED }

    /** Captures a user exception thrown by {@code taskName} on {@code nodeId}. */
    public static ErrorPayload ofTaskFailure(String taskName, String nodeId, Throwable error, ObjectCodec kryo) {
        if (error instanceof RayoTaskException nested && nested.getCause() != null) {
            // A task that called get() on a failed ref fails with the same cause, not a wrapper of it.
            error = nested.getCause();
        }
        byte[] bytes;
        try {
            bytes = kryo.toBytes(error);
        } catch (RuntimeException unserializable) {
            bytes = null;
        }
        return new ErrorPayload(Kind.TASK, taskName, nodeId, error.getClass().getName(), error.getMessage(),
                stackTraceOf(error), bytes);
    }

    /**
     * An actor error saying {@code message} caused by {@code cause} (the exception its constructor threw):
     * the program's {@code RayoActorException} has it, or a {@code RemoteThrowable} with its class name, as cause.
     */
    public static ErrorPayload ofActorError(String taskName, String nodeId, String message, Throwable cause,
                                            ObjectCodec kryo) {
        byte[] bytes;
        try {
            bytes = kryo.toBytes(cause);
        } catch (RuntimeException unserializable) {
            bytes = null;
        }
        return new ErrorPayload(Kind.ACTOR, taskName, nodeId, cause.getClass().getName(), message,
                stackTraceOf(cause), bytes);
    }

    /** A Rayo-level error (lost object, dead actor, infeasible request...) of the given kind. */
    public static ErrorPayload of(Kind kind, String taskName, String nodeId, String message) {
        return new ErrorPayload(kind, taskName, nodeId, null, message, null, null);
    }

    /** Classifies an exception raised inside the runtime (not user code) into a payload. */
    public static ErrorPayload ofRuntimeError(String taskName, String nodeId, RuntimeException e, ObjectCodec kryo) {
        Kind kind = e instanceof ObjectLostException ? Kind.OBJECT_LOST
                : e instanceof ObjectStoreFullException ? Kind.STORE_FULL
                : e instanceof RayoSerializationException ? Kind.SERIALIZATION
                : e instanceof RayoActorException ? Kind.ACTOR
                : e instanceof dev.rayo.api.exception.RayoTaskCancelledException ? Kind.CANCELLED
                : e instanceof RayoTaskException ? Kind.TASK
                : e instanceof RayoException ? Kind.SYSTEM : null;
        if (kind == null || kind == Kind.TASK) {
            return ofTaskFailure(taskName, nodeId, e, kryo);
        }
        return of(kind, taskName, nodeId, e.getMessage());
    }

    /** The exception the program sees. */
    public RayoException toException(ObjectCodec kryo) {
        return switch (kind) {
            case TASK -> new RayoTaskException(taskName, nodeId, causeClassName, stackTrace, cause(kryo));
            case ACTOR -> causeClassName == null ? new RayoActorException(message)
                    : new RayoActorException(message, cause(kryo));
            case OBJECT_LOST -> new ObjectLostException(message);
            case STORE_FULL -> new ObjectStoreFullException(message);
            case SERIALIZATION -> new RayoSerializationException(message);
            case SYSTEM -> new RayoException(message);
            case CANCELLED -> new dev.rayo.api.exception.RayoTaskCancelledException(message);
        };
    }

    private Throwable cause(ObjectCodec kryo) {
        if (causeBytes != null) {
            try {
                if (kryo.fromBytes(causeBytes) instanceof Throwable t) {
                    return t;
                }
            } catch (RuntimeException | LinkageError unloadable) {
                // Fall through to the stand-in: the class may not exist on this node.
            }
        }
        RemoteThrowable standIn = new RemoteThrowable(causeClassName, message);
        standIn.setStackTrace(new StackTraceElement[0]);
        return standIn;
    }

    private static String stackTraceOf(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
