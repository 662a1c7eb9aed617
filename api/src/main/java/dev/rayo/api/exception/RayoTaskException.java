package dev.rayo.api.exception;

/**
 * The remote code of a task or actor call threw. {@link #getCause()} is the original exception, or a
 * {@link RemoteThrowable} stand-in carrying its class name when that class can't be loaded here. The
 * message names the task and the node and includes the remote stack trace. A task that consumes the
 * failed ref fails with the same cause.
 */
public class RayoTaskException extends RayoException {
    private static final long serialVersionUID = 1L;
    private final String taskName;
    private final String nodeId;
    private final String causeClassName;

    /** A failure of {@code taskName} on {@code nodeId}, whose remote trace is {@code remoteStackTrace}. */
    public RayoTaskException(String taskName, String nodeId, String causeClassName, String remoteStackTrace, Throwable cause) {
        super("Task " + taskName + " failed on node " + nodeId + ": " + causeClassName
                + "\n--- remote stack trace ---\n" + remoteStackTrace, cause);
        this.taskName = taskName;
        this.nodeId = nodeId;
        this.causeClassName = causeClassName;
    }

    /** The name of the task (or actor method) that threw. */
    public String taskName() {
        return taskName;
    }

    /** The id of the node where it ran. */
    public String nodeId() {
        return nodeId;
    }

    /** The class name of the original exception, even when the cause is a stand-in. */
    public String causeClassName() {
        return causeClassName;
    }
}
