package dev.rayo.api;

import dev.rayo.api.spi.ActorRequest;
import dev.rayo.api.spi.CallRequest;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * A runtime and an actor handle that run nothing: they keep every request the API builds, and answer with
 * stand-in refs, so the callers' options can be checked without a runtime. The generated {@code task(...)}
 * and {@code actor(...)} defaults run for real.
 */
final class Capturing {
    final List<CallRequest> calls = new ArrayList<>();
    final List<ActorRequest> actors = new ArrayList<>();
    final RayoRuntime runtime = proxy(RayoRuntime.class);
    @SuppressWarnings("unchecked")
    final ActorHandle<Counter> actor = proxy(ActorHandle.class);
    int shutdowns;

    /** The one call made so far. */
    CallRequest call() {
        return single(calls);
    }

    /** The one actor created so far. */
    ActorRequest actorRequest() {
        return single(actors);
    }

    private static <T> T single(List<T> requests) {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests);
        }
        return requests.get(0);
    }

    private <T> T proxy(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this::invoke));
    }

    private Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        switch (method.getName()) {
            case "submitTask", "submit" -> {
                CallRequest request = (CallRequest) args[0];
                calls.add(request);
                return IntStream.range(0, request.numReturns()).mapToObj(i -> (ObjectRef<Object>) new Ref<>("ref-" + i))
                        .toList();
            }
            case "createActor" -> {
                actors.add((ActorRequest) args[0]);
                return actor;
            }
            case "isRunning" -> {
                return shutdowns == 0;
            }
            case "shutdown" -> {
                shutdowns++;
                return null;
            }
            case "toString" -> {
                return "Capturing." + method.getDeclaringClass().getSimpleName();
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            default -> throw new UnsupportedOperationException(method.getName());
        }
    }

    /** A stand-in ref: it has an id and nothing behind it. */
    record Ref<T>(String id) implements ObjectRef<T> {
        @Override
        public T get() {
            throw new UnsupportedOperationException();
        }

        @Override
        public T get(Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<T> toCompletableFuture() {
            throw new UnsupportedOperationException();
        }
    }

    /** An actor class for {@code actor(Counter::new, ..)} and {@code handle.task(Counter::add, ..)}. */
    static final class Counter {
        private int value;

        Counter(int start) {
            value = start;
        }

        int add(int n) {
            value += n;
            return value;
        }
    }

    /** A task function. */
    static int sum(int a, int b) {
        return a + b;
    }
}
