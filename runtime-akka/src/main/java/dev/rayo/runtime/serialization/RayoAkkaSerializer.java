package dev.rayo.runtime.serialization;

import akka.actor.ExtendedActorSystem;
import akka.serialization.JSerializer;

/**
 * Akka's serializer for every {@link dev.rayo.runtime.wire.RayoMessage}: Kryo with the node's allow-list, so no
 * Rayo message uses Java serialization. Bound in reference.conf.
 */
public final class RayoAkkaSerializer extends JSerializer {
    /** Unique among the serializers of an actor system (Akka reserves 0..40). */
    public static final int IDENTIFIER = 0x5241594F;
    private final ExtendedActorSystem system;
    private volatile KryoPool pool;

    /** Called by Akka. */
    public RayoAkkaSerializer(ExtendedActorSystem system) {
        this.system = system;
    }

    private KryoPool pool() {
        KryoPool p = pool;
        if (p == null) {
            p = RayoKryo.pool(system);
            pool = p;
        }
        return p;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public boolean includeManifest() {
        return false;
    }

    @Override
    public byte[] toBinary(Object message) {
        return pool().toBytes(message);
    }

    @Override
    public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
        return pool().fromBytes(bytes);
    }
}
