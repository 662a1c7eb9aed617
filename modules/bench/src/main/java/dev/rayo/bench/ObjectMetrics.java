package dev.rayo.bench;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.WaitResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small-object metrics: put and get of a small value, wait on 1,000 ready refs, and get of an object
 * holding 10,000 refs. The put/get baselines are what an in-process object table is without Rayo: a
 * {@link ConcurrentHashMap} of bytes made by the JDK's own serializer ({@code ObjectOutputStream}, which is
 * slower than Rayo's Kryo for a small value, so these baselines are generous to Rayo).
 */
public final class ObjectMetrics {
    private static final int BATCH = 1_000;
    private static final Integer SMALL = 0;

    private ObjectMetrics() {
    }

    /** The family, in BENCHMARKS.md order. */
    public static List<Metric> all() {
        return List.of(putCalls(), getCalls(), wait1kRefs(), getObjectContaining10kRefs());
    }

    static Metric putCalls() {
        return MetricSpec.builder("single_client_put_calls")
                .rayo("put(Integer 0), batches of 1,000", ctx -> () -> {
                    for (int i = 0; i < BATCH; i++) {
                        Rayo.put(SMALL);
                    }
                    return BATCH;
                })
                .baseline("ConcurrentHashMap.put(key, ObjectOutputStream bytes of Integer 0)", ctx -> new Workload() {
                    private final ConcurrentHashMap<Long, byte[]> map = new ConcurrentHashMap<>();
                    private long key;

                    @Override
                    public void prepare() {
                        if (map.size() > 200_000) {
                            map.clear();
                        }
                    }

                    @Override
                    public long run() throws IOException {
                        for (int i = 0; i < BATCH; i++) {
                            map.put(key++, serialize(SMALL));
                        }
                        return BATCH;
                    }
                })
                .baselineVariant("map.put without serialization", ctx -> new Workload() {
                    private final ConcurrentHashMap<Long, Object> map = new ConcurrentHashMap<>();
                    private long key;

                    @Override
                    public void prepare() {
                        if (map.size() > 200_000) {
                            map.clear();
                        }
                    }

                    @Override
                    public long run() {
                        for (int i = 0; i < BATCH; i++) {
                            map.put(key++, SMALL);
                        }
                        return BATCH;
                    }
                })
                .ray(58_970, "Ray: 58,970 in-memory store / 5,173 plasma store")
                .build();
    }

    static Metric getCalls() {
        return MetricSpec.builder("single_client_get_calls")
                .rayo("get of a put Integer 0, batches of 1,000", ctx -> {
                    ObjectRef<Integer> ref = Rayo.put(SMALL);
                    return () -> {
                        for (int i = 0; i < BATCH; i++) {
                            Rayo.get(ref);
                        }
                        return BATCH;
                    };
                })
                .baseline("ConcurrentHashMap.get + ObjectInputStream.readObject of Integer 0", ctx -> {
                    ConcurrentHashMap<Long, byte[]> map = new ConcurrentHashMap<>();
                    map.put(1L, serialize(SMALL));
                    return () -> {
                        for (int i = 0; i < BATCH; i++) {
                            deserialize(map.get(1L));
                        }
                        return BATCH;
                    };
                })
                .baselineVariant("map.get without serialization", ctx -> {
                    ConcurrentHashMap<Long, Object> map = new ConcurrentHashMap<>();
                    map.put(1L, SMALL);
                    return () -> {
                        long sum = 0;
                        for (int i = 0; i < BATCH; i++) {
                            sum += ((Integer) map.get(1L)) + 1;
                        }
                        return sum > 0 ? BATCH : 0;
                    };
                })
                .ray(10_620, "Ray: plasma store get")
                .build();
    }

    static Metric wait1kRefs() {
        return MetricSpec.builder("single_client_wait_1k_refs")
                .rayo("wait(refs, 1000) on 1,000 ready refs of put values", ctx -> {
                    List<ObjectRef<Integer>> refs = new ArrayList<>(1_000);
                    for (int i = 0; i < 1_000; i++) {
                        refs.add(Rayo.put(i));
                    }
                    return () -> {
                        WaitResult<Integer> w = Rayo.wait(refs);
                        if (w.ready().size() != refs.size()) {
                            throw new IllegalStateException("wait returned " + w.ready().size() + " ready refs of 1000");
                        }
                        return 1;
                    };
                })
                .ray(5.1, "Ray's loop also submits the 1,000 tasks and waits for them one by one")
                .build();
    }

    static Metric getObjectContaining10kRefs() {
        return MetricSpec.builder("single_client_get_object_containing_10k_refs")
                .rayo("get of a task result holding 10,000 refs of put values", ctx -> {
                    ObjectRef<List<ObjectRef<Integer>>> ref = Rayo.task(BenchFns::makeRefs, 10_000).remote();
                    Rayo.get(ref);
                    return () -> {
                        if (Rayo.get(ref).size() != 10_000) {
                            throw new IllegalStateException("the object lost refs");
                        }
                        return 1;
                    };
                })
                .ray(13.4)
                .build();
    }

    static byte[] serialize(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
