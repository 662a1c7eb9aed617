package dev.rayo.jmh;

import dev.rayo.runtime.serialization.ClassAllowList;
import dev.rayo.runtime.serialization.KryoPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A round trip of a typical small task argument (a map of names to short double arrays, and a list of
 * labels) through Rayo's Kryo pool, against the JDK's object streams.
 */
@State(Scope.Benchmark)
public class SerializationBenchmarks {
    private KryoPool kryo;
    private Object value;

    /** A Kryo pool with the default allow-list, and the value. */
    @Setup
    public void prepare() {
        kryo = new KryoPool(new ClassAllowList(List.of(), Set.of(), List.of(), false),
                SerializationBenchmarks.class.getClassLoader(), serializers -> { });
        Map<String, double[]> weights = new HashMap<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            weights.put("layer-" + i, new double[] {i, i + 0.5, i + 0.25, i + 0.125});
            labels.add("label-" + i);
        }
        value = new ArrayList<>(List.of(weights, labels, 42L));
    }

    /** Encodes and decodes the value with Kryo. */
    @Benchmark
    public Object rayo_round_trip() {
        return kryo.fromBytes(kryo.toBytes(value));
    }

    /** Encodes and decodes the value with ObjectOutputStream / ObjectInputStream. */
    @Benchmark
    public Object jdk_round_trip() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
