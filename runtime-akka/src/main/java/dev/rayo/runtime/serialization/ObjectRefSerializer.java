package dev.rayo.runtime.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.rayo.runtime.ownership.RayoObjectRef;

/** Writes a ref as its id and owner; a ref that leaves as bytes is marked escaped for the owner's counting. */
final class ObjectRefSerializer extends Serializer<RayoObjectRef<?>> {

    @Override
    public void write(Kryo kryo, Output output, RayoObjectRef<?> ref) {
        ref.escaping();
        output.writeString(ref.id());
        output.writeString(ref.ownerAddress());
    }

    @Override
    public RayoObjectRef<?> read(Kryo kryo, Input input, Class<? extends RayoObjectRef<?>> type) {
        return RayoObjectRef.arrived(input.readString(), input.readString());
    }
}
