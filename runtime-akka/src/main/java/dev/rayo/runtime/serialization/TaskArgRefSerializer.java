package dev.rayo.runtime.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.wire.TaskArg;

/**
 * Writes a ref argument of a task or call without marking it escaped (Ray's "submitted task reference").
 * The function receives the object's value, never this ref, so no copy of it outlives the task; the owner
 * keeps the ref reachable meanwhile (the task tracker holds the spec) and afterwards through the lineage of
 * the task's results. So local counting may still free the object once those are gone.
 */
final class TaskArgRefSerializer extends Serializer<TaskArg.Ref> {

    @Override
    public void write(Kryo kryo, Output output, TaskArg.Ref arg) {
        output.writeString(arg.ref().id());
        output.writeString(((RayoObjectRef<?>) arg.ref()).ownerAddress());
    }

    @Override
    public TaskArg.Ref read(Kryo kryo, Input input, Class<? extends TaskArg.Ref> type) {
        return new TaskArg.Ref(RayoObjectRef.forTaskArgument(input.readString(), input.readString()));
    }
}
