package dev.rayo.runtime.task;

import dev.rayo.runtime.events.TaskEventLog;
import dev.rayo.runtime.ownership.ObjectResolver;
import dev.rayo.runtime.ownership.ResultSink;
import dev.rayo.runtime.serialization.KryoPool;
import dev.rayo.runtime.values.ValueStore;

import java.time.Duration;

/**
 * The per-node services that schedulers, task runners and actor hosts share; built once by the runtime.
 *
 * @param nodeId            this node's id
 * @param nodeAddress       this node's cluster address, as peers name it
 * @param kryo              serialization with the node's allow-list
 * @param functions         function encoding and cache
 * @param values            inline/store value placement
 * @param resolver          finds the value of a ref, here or at its owner
 * @param results           delivers results and errors to their owners
 * @param events            the task event log
 * @param infeasibleTimeout how long a request no node can satisfy waits before it fails
 * @param liveActors        how many actors are alive on this node
 * @param code              fetches the code of a task's owner when a class is missing here
 * @param cancelled         the tasks cancelled on this node, and the threads running tasks
 */
public record NodeServices(String nodeId, String nodeAddress, KryoPool kryo, FunctionCodec functions, ValueStore values,
                           ObjectResolver resolver, ResultSink results, TaskEventLog events,
                           Duration infeasibleTimeout, java.util.concurrent.atomic.AtomicInteger liveActors,
                           dev.rayo.runtime.code.CodeFetcher code, CancelledTasks cancelled) {
}
