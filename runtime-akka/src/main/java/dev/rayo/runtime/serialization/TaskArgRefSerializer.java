package dev.rayo.runtime.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.rayo.runtime.ownership.RayoObjectRef;
import dev.rayo.runtime.wire.TaskArg;

/**
 * Writes a ref argument of a task or call as it is (Ray's "submitted task reference"): the submitter keeps
 * the ref reachable until the task's results arrive (the task tracker holds the spec) and afterwards
 * through the lineage of the results. A ref read back is not counted as a borrow (see
 * {@code RayoObjectRef.forTaskArgument}).
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
