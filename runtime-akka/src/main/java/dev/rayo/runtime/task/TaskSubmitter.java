package dev.rayo.runtime.task;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.spi.CallRequest;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.events.TaskEventLog;
import dev.rayo.runtime.events.TaskState;
import dev.rayo.runtime.ownership.ObjectTable;
import dev.rayo.runtime.ownership.TaskTracker;
import dev.rayo.runtime.wire.Ids;
import dev.rayo.runtime.wire.Namespaces;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The owner's side of a task (Ray's {@code TaskSubmitter}): builds the {@link TaskSpec}, creates the
 * return refs with the spec as their lineage, tracks where the task goes until it finishes, and queues it
 * at this node's scheduler. Retries and lineage reconstruction submit through it again.
 */
public final class TaskSubmitter {
    private final String selfAddress;
    private final String nodeId;
    private final FunctionCodec functions;
    private final ArgumentEncoder arguments;
    private final ObjectTable objects;
    private final TaskTracker<TaskSpec> tracker;
    private final TaskEventLog events;
    private final int defaultMaxRetries;
    private final Consumer<TaskSpec> scheduler;

    /**
     * A submitter for the owner {@code objects}.
     *
     * @param defaultMaxRetries retries of a task that does not set them
     * @param scheduler         queues a spec at this node's scheduler
     */
    public TaskSubmitter(String nodeId, FunctionCodec functions, ArgumentEncoder arguments, ObjectTable objects,
                         TaskTracker<TaskSpec> tracker, TaskEventLog events, int defaultMaxRetries,
                         Consumer<TaskSpec> scheduler) {
        this.selfAddress = objects.ownerAddress();
        this.nodeId = nodeId;
        this.functions = functions;
        this.arguments = arguments;
        this.objects = objects;
        this.tracker = tracker;
        this.events = events;
        this.defaultMaxRetries = defaultMaxRetries;
        this.scheduler = scheduler;
    }

    /** Submits the task {@code request} describes from the default namespace; returns its refs at once. */
    public List<ObjectRef<Object>> submit(CallRequest request) {
        return submit(request, Namespaces.DEFAULT);
    }

    /** Submits the task {@code request} describes, to run in {@code namespace}; returns its refs at once. */
    public List<ObjectRef<Object>> submit(CallRequest request, String namespace) {
        Map<String, Double> amounts = new HashMap<>(request.resources());
        amounts.putIfAbsent(ResourceSet.CPU, 1.0);
        ResourceSet resources = ResourceSet.ofAmounts(amounts);
        String name = request.name() != null ? request.name() : FunctionCodec.nameOf(request.function());
        ArgumentEncoder.Encoded function = arguments.encodeFunction(request.function(), functions);
        int maxRetries = request.maxRetries() < 0 ? defaultMaxRetries : request.maxRetries();
        ArgumentEncoder.Encoded args = arguments.encodeHeld(request.args(), DeclaredRefs.of(request.function()), 0);
        TaskSpec spec = new TaskSpec(Ids.next(), name, function.function(), args.args(), resources,
                ArgumentEncoder.newIds(request.numReturns()), selfAddress, maxRetries, request.retryExceptions(), 0,
                namespace, false);
        List<ObjectRef<Object>> refs = new ArrayList<>(request.numReturns());
        for (String id : spec.returnIds()) {
            refs.add(objects.create(id, spec));
        }
        submit(spec);
        // Refs nested in the arguments (or captured by a lambda) are held until the results arrive.
        List<CompletableFuture<StoredValue>> results = objects.futuresOf(spec.returnIds());
        function.releaseWhenDone(objects.counter(), results);
        args.releaseWhenDone(objects.counter(), results);
        return refs;
    }

    /** Queues a task (first run, retry or reconstruction), tracking where it goes until it finishes. */
    public void submit(TaskSpec spec) {
        tracker.track(spec.taskId(), spec, selfAddress, objects.futuresOf(spec.returnIds()));
        TaskEvent.Submission submission = TaskEvent.Submission.of(nodeId, spec);
        events.submitted(spec.taskId(), spec.name(), spec.attempt(), submission.waitsForArguments()
                ? TaskState.PENDING_ARGS : TaskState.PENDING_NODE_ASSIGNMENT, nodeId, "", submission);
        scheduler.accept(spec);
    }
}
