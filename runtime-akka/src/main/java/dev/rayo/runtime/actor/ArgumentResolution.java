package dev.rayo.runtime.actor;

import akka.actor.typed.javadsl.ActorContext;
import dev.rayo.runtime.ownership.ObjectResolver;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.wire.ObjectCodec;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * How both actor hosts wait for the inputs of a constructor or call without blocking their thread: every
 * ref is resolved and the values come back as one message to the entity itself.
 */
final class ArgumentResolution {
    private ArgumentResolution() {
    }

    /** Resolves {@code args} and sends {@code done(values, null)} or {@code done(null, failure)} to the entity. */
    static <C> void resolve(List<TaskArg> args, ObjectResolver resolver, ActorContext<C> context,
                            BiFunction<List<StoredValue>, Throwable, ? extends C> done) {
        List<CompletableFuture<StoredValue>> inputs = new ArrayList<>(args.size());
        for (TaskArg arg : args) {
            inputs.add(arg instanceof TaskArg.Ref ref ? resolver.resolve(ref.ref())
                    : CompletableFuture.completedFuture(((TaskArg.Value) arg).value()));
        }
        context.pipeToSelf(CompletableFuture.allOf(inputs.toArray(CompletableFuture[]::new)), (ok, error) ->
                error != null ? done.apply(null, error.getCause() == null ? error : error.getCause())
                        : done.apply(inputs.stream().map(CompletableFuture::join).toList(), null));
    }

    /** Whether every argument is inline, so a call can run without resolving anything. */
    static boolean allInline(List<TaskArg> args) {
        for (TaskArg a : args) {
            if (!(a instanceof TaskArg.Value)) {
                return false;
            }
        }
        return true;
    }

    /** Why resolving inputs failed ({@code failure}, or the first failed object's error), for a message; else null. */
    static String failureOf(List<StoredValue> values, Throwable failure) {
        if (failure != null) {
            return failure.toString();
        }
        for (StoredValue v : values) {
            if (v instanceof StoredValue.Failed f) {
                return f.error().causeClassName() != null ? f.error().causeClassName() + ": " + f.error().message()
                        : f.error().message();
            }
        }
        return null;
    }

    /** Whether resolving inputs failed ({@code failure}) or one of them is a failed object. */
    static boolean anyFailed(List<StoredValue> values, Throwable failure) {
        if (failure != null) {
            return true;
        }
        for (StoredValue v : values) {
            if (v instanceof StoredValue.Failed) {
                return true;
            }
        }
        return false;
    }

    /**
     * The error a call fails with when its inputs could not be resolved ({@code failure}) or one of them is a
     * failed object: that object's own error, so the caller sees the original cause.
     */
    static ErrorPayload errorOf(String name, List<StoredValue> values, Throwable failure, ObjectCodec codec,
                                String nodeId) {
        if (failure instanceof RuntimeException re) {
            return ErrorPayload.ofRuntimeError(name, nodeId, re, codec);
        }
        if (values != null) {
            for (StoredValue v : values) {
                if (v instanceof StoredValue.Failed f) {
                    return f.error();
                }
            }
        }
        return ErrorPayload.of(ErrorPayload.Kind.SYSTEM, name, nodeId, String.valueOf(failure));
    }
}
