package dev.rayo.samples.akkaservice;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Scheduler;
import akka.actor.typed.javadsl.AskPattern;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.RayoRuntime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What one request fans out to: N square tasks, whose refs become {@code CompletableFuture}s combined
 * without blocking, and one ask of the {@link ScaleKeeper}, which calls the Rayo actor. No thread waits
 * for a result: the report is a stage completed by the last of them.
 */
public final class Reports {
    private final RayoRuntime rayo;
    private final ActorRef<ScaleKeeper.Command> scaleKeeper;
    private final Scheduler scheduler;
    private final Duration timeout;

    /**
     * @param rayo        the service's Rayo runtime
     * @param scaleKeeper the typed actor in front of the Rayo multiplier actor
     * @param scheduler   the actor system's scheduler, for the ask's timeout
     * @param timeout     how long a request may take before it fails
     */
    public Reports(RayoRuntime rayo, ActorRef<ScaleKeeper.Command> scaleKeeper, Scheduler scheduler, Duration timeout) {
        this.rayo = rayo;
        this.scaleKeeper = scaleKeeper;
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    /** The report for {@code n} (validated by the caller: 1..{@link ReportRoutes#MAX_N}). */
    public CompletionStage<Report> report(int n) {
        List<CompletableFuture<Long>> squares = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            ObjectRef<Long> square = rayo.task(Squares::square, i).remote();
            squares.add(square.toCompletableFuture());
        }
        CompletionStage<Long> sum = CompletableFuture.allOf(squares.toArray(CompletableFuture[]::new))
                .thenApply(done -> squares.stream().mapToLong(CompletableFuture::join).sum());
        CompletionStage<Long> scaled = AskPattern.askWithStatus(scaleKeeper,
                (ActorRef<akka.pattern.StatusReply<Long>> replyTo) -> new ScaleKeeper.Scale(n, replyTo), timeout, scheduler);
        return sum.thenCombine(scaled, (s, x) -> new Report(n, s, x));
    }
}
