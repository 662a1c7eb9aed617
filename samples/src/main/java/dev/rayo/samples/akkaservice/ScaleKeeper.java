package dev.rayo.samples.akkaservice;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.pattern.StatusReply;
import dev.rayo.api.ActorHandle;

/**
 * A typed Akka actor of the service that calls the Rayo {@link Multiplier} actor: it turns the call's
 * {@code ObjectRef} into a {@code CompletableFuture} and {@code pipeToSelf}s the result, so the actor never
 * waits on a result while its dispatcher thread could serve other messages, and it answers the asker when
 * the result comes back.
 */
public final class ScaleKeeper {
    /** What the actor handles. */
    public sealed interface Command permits Scale, Scaled {
    }

    /** Asks for {@code x * factor}; the answer (or the failure) goes to {@code replyTo}. */
    public record Scale(int x, ActorRef<StatusReply<Long>> replyTo) implements Command {
    }

    /** The Rayo call's outcome, piped back to the actor. */
    record Scaled(Long value, Throwable failure, ActorRef<StatusReply<Long>> replyTo) implements Command {
    }

    private ScaleKeeper() {
    }

    /** The actor, calling {@code multiplier}. */
    public static Behavior<Command> create(ActorHandle<Multiplier> multiplier) {
        return Behaviors.setup(context -> Behaviors.receive(Command.class)
                .onMessage(Scale.class, scale -> {
                    context.pipeToSelf(multiplier.task(Multiplier::times, scale.x()).remote().toCompletableFuture(),
                            (value, failure) -> new Scaled(value, failure, scale.replyTo()));
                    return Behaviors.same();
                })
                .onMessage(Scaled.class, scaled -> {
                    scaled.replyTo().tell(scaled.failure() == null ? StatusReply.success(scaled.value())
                            : StatusReply.error(scaled.failure()));
                    return Behaviors.same();
                })
                .build());
    }
}
