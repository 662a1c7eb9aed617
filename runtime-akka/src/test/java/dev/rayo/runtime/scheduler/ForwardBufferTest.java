package dev.rayo.runtime.scheduler;

import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.wire.TaskSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tasks spilled to other nodes are gathered per target until the scheduler flushes, and leave early when a
 * batch reaches its task count or its byte budget (one Artery frame must hold it).
 */
class ForwardBufferTest {
    private record Sent(String target, List<String> taskIds) {
    }

    private final List<Sent> sent = new ArrayList<>();

    private void send(String target, List<NodeScheduler.Submit> submits) {
        sent.add(new Sent(target, submits.stream().map(s -> s.spec().taskId()).toList()));
    }

    private static NodeScheduler.Submit task(String id, int argBytes) {
        List<TaskArg> args = argBytes == 0 ? List.of()
                : List.of(new TaskArg.Value(new StoredValue.Inline(0, new byte[argBytes])));
        return new NodeScheduler.Submit(new TaskSpec(id, "t", new byte[16], args, ResourceSet.ofAmounts(Map.of("CPU", 1.0)),
                List.of(id + "-r"), "akka://o@h:1", 3, false, 0), 1);
    }

    @Test
    void tasksForEachTargetLeaveTogetherAtTheFlush() {
        ForwardBuffer buffer = new ForwardBuffer(100);
        assertTrue(buffer.add("X", task("1", 0), this::send), "the first task asks for a flush");
        assertFalse(buffer.add("Y", task("2", 0), this::send));
        assertFalse(buffer.add("X", task("3", 0), this::send), "one flush covers what follows");
        assertTrue(sent.isEmpty(), "nothing leaves before the flush");

        buffer.flush(this::send);
        assertTrue(buffer.isEmpty());
        assertEquals(2, sent.size());
        assertTrue(sent.contains(new Sent("X", List.of("1", "3"))));
        assertTrue(sent.contains(new Sent("Y", List.of("2"))));

        assertTrue(buffer.add("X", task("4", 0), this::send), "after a flush the next task asks for another");
    }

    @Test
    void aFullBatchLeavesAtOnce() {
        ForwardBuffer buffer = new ForwardBuffer(3);
        for (int i = 0; i < 7; i++) {
            buffer.add("X", task("t" + i, 0), this::send);
        }
        assertEquals(List.of(new Sent("X", List.of("t0", "t1", "t2")), new Sent("X", List.of("t3", "t4", "t5"))), sent);
        buffer.flush(this::send);
        assertEquals(new Sent("X", List.of("t6")), sent.get(2));
    }

    @Test
    void largeInlineArgumentsSplitBatchesWithinTheByteBudget() {
        ForwardBuffer buffer = new ForwardBuffer(1000);
        for (int i = 0; i < 10; i++) {
            buffer.add("X", task("t" + i, 30 * 1024), this::send);
        }
        buffer.flush(this::send);
        assertEquals(5, sent.size(), "two 30 KiB tasks per 64 KiB batch");
        assertEquals(10, sent.stream().mapToInt(s -> s.taskIds().size()).sum());
    }
}
