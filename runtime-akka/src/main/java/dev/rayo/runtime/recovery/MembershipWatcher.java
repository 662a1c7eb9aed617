package dev.rayo.runtime.recovery;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;

import java.util.function.Consumer;

/**
 * Tells the runtime when a member is removed from the cluster: after a graceful leave, or after the
 * failure detector and the split brain resolver downed it (kill -9, a lost host).
 */
public final class MembershipWatcher {
    private MembershipWatcher() {
    }

    /** A watcher calling {@code onRemoved} with the removed member's address. */
    public static Behavior<ClusterEvent.MemberRemoved> create(Consumer<String> onRemoved) {
        return Behaviors.setup(ctx -> {
            Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(ctx.getSelf(), ClusterEvent.MemberRemoved.class));
            return Behaviors.receive(ClusterEvent.MemberRemoved.class)
                    .onMessage(ClusterEvent.MemberRemoved.class, removed -> {
                        onRemoved.accept(removed.member().address().toString());
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
