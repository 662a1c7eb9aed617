package dev.rayo.bench;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The metrics that need two JVMs: no-op tasks submitted by a driver without CPUs and run on the other
 * node (every task and every result crosses Akka remoting), and the pull of a 100 MiB object from the
 * other node's store into the driver's, against a loopback TCP copy of the same bytes.
 */
public final class CrossNodeMetrics {
    private static final int GETS_PER_GC = 5;

    private CrossNodeMetrics() {
    }

    /** The family, in BENCHMARKS.md order. */
    public static List<Metric> all() {
        return List.of(crossNodeTasksAsync(), crossNodeTransferGigabytes());
    }

    static Metric crossNodeTasksAsync() {
        return MetricSpec.builder("cross_node_tasks_async")
                .twoNodes()
                .rayo("submit 1,000 no-op tasks from the CPU-less driver node, run on the other JVM, then get all",
                        ctx -> TaskMetrics::rayoBatch)
                .peer("a lite member in this JVM submits 1,000 no-op tasks with IExecutorService.submitToMember to a "
                        + "member in a second JVM (executor of N threads), then gets all", (ctx, peer) -> () -> TaskMetrics.peerBatch(peer))
                .build();
    }

    static Metric crossNodeTransferGigabytes() {
        int size = BenchFns.LARGE_BYTES;
        return MetricSpec.builder("cross_node_transfer_gigabytes")
                .twoNodes()
                .unit(Unit.GB_PER_S)
                .rayo("get on the driver of a 100 MiB ByteBuffer a task made on the other node (pull between stores)",
                        ctx -> new Workload() {
                            private ObjectRef<ByteBuffer> ref;
                            private int gets;

                            @Override
                            public void prepare() {
                                ref = null;
                                if (++gets % GETS_PER_GC == 0) {
                                    System.gc();
                                }
                                ref = Rayo.task(BenchFns::makeBuffer, size).setResource(ctx.workerResource(), 1).remote();
                                Rayo.wait(List.of(ref));
                            }

                            @Override
                            public long run() {
                                ByteBuffer got = Rayo.get(ref);
                                if (got.remaining() != size) {
                                    throw new IllegalStateException("pulled " + got.remaining() + " bytes of " + size);
                                }
                                return size;
                            }

                            @Override
                            public void close() {
                                ref = null;
                                System.gc();
                            }
                        })
                .baseline("loopback TCP copy of 100 MiB (SocketChannel, direct buffers, same JVM)",
                        ctx -> new LoopbackCopy(size))
                .build();
    }
}
