package dev.rayo.runtime.serialization;

import dev.rayo.runtime.wire.ObjectCodec;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.ByteBufferInput;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import dev.rayo.api.exception.RayoSerializationException;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.lang.invoke.SerializedLambda;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Thread-safe access to Kryo 5 instances sharing one allow-list: Kryo itself is single-threaded, so each
 * operation borrows an instance (and its output buffer) from a pool.
 */
public final class KryoPool implements ObjectCodec {
    private static final int INITIAL_OUTPUT_BYTES = 4096;
    private static final LambdaSerializer LAMBDAS = new LambdaSerializer();

    private final ClassAllowList allowList;
    private final ClassLoader classLoader;
    private final Map<Class<?>, Serializer<?>> defaultSerializers = new LinkedHashMap<>();
    private final Pool<Kryo> kryos;
    private final Map<String, Object> context;
    private final Pool<Output> outputs;

    /** A pool whose instances use {@code allowList} and load classes with {@code classLoader}. */
    public KryoPool(ClassAllowList allowList, ClassLoader classLoader, Consumer<Map<Class<?>, Serializer<?>>> extraSerializers) {
        this(allowList, classLoader, Map.of(), extraSerializers);
    }

    /**
     * Like {@link #KryoPool(ClassAllowList, ClassLoader, Consumer)}, each instance's context (Kryo's
     * {@code getContext()}, read by {@code KryoSerializable} classes) holding {@code context}.
     */
    public KryoPool(ClassAllowList allowList, ClassLoader classLoader, Map<String, Object> context,
                    Consumer<Map<Class<?>, Serializer<?>>> extraSerializers) {
        this.context = Map.copyOf(context);
        this.allowList = allowList;
        this.classLoader = classLoader;
        extraSerializers.accept(defaultSerializers);
        this.kryos = new Pool<>(true, true) {
            @Override
            protected Kryo create() {
                return newKryo();
            }
        };
        this.outputs = new Pool<>(true, true) {
            @Override
            protected Output create() {
                return new Output(INITIAL_OUTPUT_BYTES, -1);
            }
        };
    }

    /** The allow-list every instance applies. */
    public ClassAllowList allowList() {
        return allowList;
    }

    private Kryo newKryo() {
        Kryo kryo = new FlagFreeKryo(new AllowListClassResolver(allowList), new MapReferenceResolver(), allowList);
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setClassLoader(classLoader);
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        kryo.register(Object[].class);
        kryo.register(Class.class);
        kryo.register(SerializedLambda.class, LAMBDAS);
        kryo.register(ClosureSerializer.Closure.class, LAMBDAS);
        defaultSerializers.forEach(kryo::addDefaultSerializer);
        context.forEach(kryo.getContext()::put);
        return kryo;
    }

    /** Serializes {@code value} with its class; a clear error names the class that can't be written. */
    @Override
    public byte[] toBytes(Object value) {
        Kryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        try {
            output.reset();
            kryo.writeClassAndObject(output, value);
            return output.toBytes();
        } catch (RayoSerializationException e) {
            throw e;
        } catch (KryoException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new RayoSerializationException(describe(value) + " can't be serialized: " + rootMessage(e), e);
        } finally {
            if (output.getBuffer().length > 1 << 20) {
                output.setBuffer(new byte[INITIAL_OUTPUT_BYTES], -1);
            }
            outputs.free(output);
            kryos.free(kryo);
        }
    }

    /** Reads an object written by {@link #toBytes}. */
    @Override
    public Object fromBytes(byte[] bytes) {
        return read(new Input(bytes));
    }

    /** Reads an object from {@code buffer}'s position to its limit, without copying it to a byte array. */
    public Object fromBuffer(ByteBuffer buffer) {
        return read(new ByteBufferInput(buffer));
    }

    private Object read(Input input) {
        Kryo kryo = kryos.obtain();
        try {
            return kryo.readClassAndObject(input);
        } catch (RayoSerializationException e) {
            throw e;
        } catch (KryoException | IllegalArgumentException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RayoSerializationException rse) {
                throw rse;
            }
            throw new RayoSerializationException("can't deserialize: " + rootMessage(e), e);
        } finally {
            kryos.free(kryo);
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a value of " + value.getClass().getName();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : t.getClass().getName() + ": " + t.getMessage() + " (" + e.getMessage() + ")";
    }
}
