package dev.rayo.runtime.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.ownership.ReferenceCounter;

import java.util.function.Supplier;

/**
 * Writes a ref as its id and owner; the value or task being encoded holds a ref written into it (see
 * {@code NestedRefs}). A ref read back is counted in the reading process: owned there, or borrowed.
 */
final class ObjectRefSerializer extends Serializer<RayoObjectRef<?>> {
    private final Supplier<ReferenceCounter> local;

    /** A serializer counting the refs it reads in {@code local}'s counter. */
    ObjectRefSerializer(Supplier<ReferenceCounter> local) {
        this.local = local;
    }

    @Override
    public void write(Kryo kryo, Output output, RayoObjectRef<?> ref) {
        ref.escaping();
        output.writeString(ref.id());
        output.writeString(ref.ownerAddress());
    }

    @Override
    public RayoObjectRef<?> read(Kryo kryo, Input input, Class<? extends RayoObjectRef<?>> type) {
        return RayoObjectRef.arrived(input.readString(), input.readString(), local.get());
    }
}
