package dev.rayo.runtime.wire;


import java.util.List;

/**
 * Everything needed to run a task or actor call anywhere, and to run it again: the owner keeps it as the
 * lineage of the objects it returns.
 *
 * @param taskId          unique id
 * @param name            display name ({@code Class.method} unless set)
 * @param function        the Kryo-encoded function
 * @param args            the arguments
 * @param resources       what it needs while it runs
 * @param returnIds       the ids of the objects it returns, owned by {@code ownerAddress}
 * @param ownerAddress    the Akka address of the submitting process, which owns the results
 * @param maxRetries      retries left after node failure (and after exceptions when {@code retryExceptions})
 * @param retryExceptions whether application exceptions are retried
 * @param attempt         0 for the first run
 * @param namespace       the submitter's namespace, which a task's code runs in (its {@code getActor(name)}
 *                        looks there); an actor call runs in its actor's namespace instead
 * @param async           an actor call whose method returns a {@code CompletionStage}: its value is the result
 */
public record TaskSpec(String taskId, String name, byte[] function, List<TaskArg> args, ResourceSet resources,
                       List<String> returnIds, String ownerAddress, int maxRetries, boolean retryExceptions,
                       int attempt, String namespace, boolean async) implements RayoMessage, Lineage {

    /** A task submitted from the default namespace whose function returns its result directly. */
    public TaskSpec(String taskId, String name, byte[] function, List<TaskArg> args, ResourceSet resources,
                    List<String> returnIds, String ownerAddress, int maxRetries, boolean retryExceptions, int attempt) {
        this(taskId, name, function, args, resources, returnIds, ownerAddress, maxRetries, retryExceptions, attempt,
                Namespaces.DEFAULT, false);
    }

    /** The same task, one attempt later. */
    public TaskSpec nextAttempt() {
        return new TaskSpec(taskId, name, function, args, resources, returnIds, ownerAddress, maxRetries,
                retryExceptions, attempt + 1, namespace, async);
    }

    /** Whether a failed attempt may run again. */
    public boolean mayRetry() {
        return attempt < maxRetries;
    }
}
