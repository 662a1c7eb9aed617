package dev.rayo.api;

import dev.rayo.api.spi.CallRequest;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A call on an actor about to be submitted; obtained from {@code handle.task(...)}.
 *
 * @param <R> the method's return type ({@code Void} for void methods)
 */
public final class ActorTaskCaller<R> {
    private final ActorHandle<?> actor;
    private final Serializable function;
    private final Object[] args;
    private int numReturns = 1;
    private String name;
    private final boolean async;

    ActorTaskCaller(ActorHandle<?> actor, Serializable function, Object[] args) {
        this(actor, function, args, false);
    }

    /** A call of a method returning a {@code CompletionStage} ({@code async}), whose value is the result. */
    ActorTaskCaller(ActorHandle<?> actor, Serializable function, Object[] args, boolean async) {
        this.actor = actor;
        this.function = function;
        this.args = args;
        this.async = async;
    }

    /** A display name for events and errors; default: {@code Class.method}. */
    public ActorTaskCaller<R> setName(String callName) {
        this.name = callName;
        return this;
    }

    /** The method returns an {@code Object[]} or {@code List} of exactly {@code n} items; use {@link #remoteMany()}. */
    public ActorTaskCaller<R> setNumReturns(int n) {
        this.numReturns = NumReturns.checked(n);
        return this;
    }

    /** Submits the call; calls from one caller run in the order submitted. */
    @SuppressWarnings("unchecked")
    public ObjectRef<R> remote() {
        NumReturns.requireSingle(numReturns);
        return (ObjectRef<R>) (ObjectRef<?>) actor.submit(request()).get(0);
    }

    /** Submits the call and returns one ref per return value. */
    public List<ObjectRef<Object>> remoteMany() {
        return actor.submit(request());
    }

    private CallRequest request() {
        return new CallRequest(function, args, Map.of(), numReturns, 0, false, name, async);
    }
}
