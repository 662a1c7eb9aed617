package dev.rayo.runtime.task;

import dev.rayo.runtime.ownership.NestedRefs;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskSpec;

import java.util.List;

/**
 * Stores what a task or actor call returned as its return objects and reports them to the owner; with
 * several returns, splits an {@code Object[]} or {@code List} of exactly that many items.
 */
public final class ResultWriter {
    private ResultWriter() {
    }

    /** Writes {@code result} as the objects {@code returnIds} owned by {@code ownerAddress}. */
    public static void write(String callName, List<String> returnIds, String ownerAddress, Object result,
                             NodeServices services) {
        int n = returnIds.size();
        if (n == 1) {
            report(callName, returnIds.get(0), ownerAddress, result, services);
            return;
        }
        List<?> items = result instanceof Object[] array ? java.util.Arrays.asList(array)
                : result instanceof List<?> list ? list : null;
        if (items == null || items.size() != n) {
            String got = items == null ? (result == null ? "null" : "a " + result.getClass().getName())
                    : items.size() + " items";
            StoredValue failed = new StoredValue.Failed(ErrorPayload.of(ErrorPayload.Kind.SYSTEM, callName, services.nodeId(),
                    callName + " was declared with numReturns=" + n + " but returned " + got
                            + "; return an Object[] or List of exactly " + n + " items"));
            returnIds.forEach(id -> services.results().report(ownerAddress, id, failed));
            return;
        }
        for (int i = 0; i < n; i++) {
            report(callName, returnIds.get(i), ownerAddress, items.get(i), services);
        }
    }

    /** Fails every return object of {@code call} with {@code error}. */
    public static void fail(TaskSpec call, ErrorPayload error, NodeServices services) {
        StoredValue failed = new StoredValue.Failed(error);
        for (String id : call.returnIds()) {
            services.results().report(call.ownerAddress(), id, failed);
        }
    }

    private static void report(String callName, String objectId, String ownerAddress, Object value, NodeServices services) {
        StoredValue stored;
        List<NestedRefs.Held> contained = List.of();
        // Refs and handles returned inside the value are held for its owner (Ray's nested refs).
        try (NestedRefs capture = NestedRefs.open()) {
            stored = services.values().write(objectId, value, ownerAddress);
            contained = capture.held();
        } catch (RuntimeException e) {
            stored = new StoredValue.Failed(ErrorPayload.ofRuntimeError(callName, services.nodeId(), e, services.kryo()));
        }
        services.results().report(ownerAddress, objectId, stored, contained);
    }
}
