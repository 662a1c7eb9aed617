package dev.rayo.runtime.transfer;

import dev.rayo.api.exception.ObjectLostException;
import dev.rayo.runtime.cluster.Membership;
import dev.rayo.runtime.wire.StoredValue;

import java.util.function.Consumer;

/**
 * Copies an object held on another host into this one, but only from a holder the cluster still shows as
 * reachable: pulling from a node that is gone would wait out a timeout to learn what membership already says.
 */
public final class LiveHolderPull implements Consumer<StoredValue.InStore> {
    private final Membership membership;
    private final ObjectPuller puller;

    /** Pulls with {@code puller} from holders {@code membership} shows reachable. */
    public LiveHolderPull(Membership membership, ObjectPuller puller) {
        this.membership = membership;
        this.puller = puller;
    }

    @Override
    public void accept(StoredValue.InStore inStore) {
        if (!membership.isReachableMember(inStore.nodeAddress())) {
            throw new ObjectLostException("object " + inStore.objectId() + " is lost: node " + inStore.nodeAddress()
                    + " that held it is gone");
        }
        puller.pull(inStore);
    }
}
