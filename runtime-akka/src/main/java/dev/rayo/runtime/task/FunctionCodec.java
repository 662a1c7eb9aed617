package dev.rayo.runtime.task;

import dev.rayo.api.exception.RayoSerializationException;
import dev.rayo.runtime.serialization.KryoPool;
import dev.rayo.runtime.serialization.LambdaSerializer;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns serializable functions (method references, capturing lambdas) into bytes and back, and names them
 * {@code Class.method} for events and errors. Decoded functions are cached by their bytes, so a method
 * reference submitted a million times is rebuilt once per node.
 */
public final class FunctionCodec {
    private static final int CACHE_LIMIT = 4096;
    private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();

    private final KryoPool kryo;
    private final Map<ByteBuffer, Object> decoded = new ConcurrentHashMap<>();
    /**
     * The bytes of functions that capture nothing (method references, non-capturing lambdas), by their
     * class: every instance of such a class serializes to the same bytes, so they are written once. Held
     * through {@link ClassValue} so that a class's loader can still be unloaded.
     */
    private final ClassValue<Encoded> encodedByClass = new ClassValue<>() {
        @Override
        protected Encoded computeValue(Class<?> type) {
            return new Encoded();
        }
    };
    /** The last function decoded, by identity of its bytes (encoded once and shared, see above). */
    private volatile Decoded lastDecoded;

    private static final class Encoded {
        volatile byte[] bytes;
        volatile boolean capturing;
    }

    private record Decoded(byte[] bytes, Object function) {
    }

    /** A codec writing with {@code kryo}. */
    public FunctionCodec(KryoPool kryo) {
        this.kryo = kryo;
    }

    /** {@code Class.method} of a method reference or lambda. */
    public static String nameOf(Serializable function) {
        return NAMES.computeIfAbsent(function.getClass(), type -> {
            SerializedLambda lambda = serializedLambda(function);
            if (lambda == null) {
                return type.getSimpleName();
            }
            String implClass = lambda.getImplClass().replace('/', '.');
            String simple = implClass.substring(implClass.lastIndexOf('.') + 1);
            String method = lambda.getImplMethodName().equals("<init>") ? "new" : lambda.getImplMethodName();
            return simple + "." + method;
        });
    }

    /** Serializes the function with its captured values; trusts the classes it comes from. */
    public byte[] encode(Serializable function) {
        Encoded known = encodedByClass.get(function.getClass());
        byte[] cached = known.bytes;
        if (cached != null) {
            return cached;
        }
        if (known.capturing) {
            return write(function, serializedLambda(function));
        }
        SerializedLambda lambda = serializedLambda(function);
        byte[] bytes = write(function, lambda);
        if (lambda != null && lambda.getCapturedArgCount() == 0) {
            known.bytes = bytes;
        } else {
            known.capturing = true;
        }
        return bytes;
    }

    private byte[] write(Serializable function, SerializedLambda lambda) {
        if (lambda != null) {
            trustClass(lambda.getCapturingClass());
            trustClass(lambda.getImplClass());
        } else {
            kryo.allowList().trust(function.getClass());
        }
        try {
            return kryo.toBytes(function);
        } catch (RayoSerializationException e) {
            throw new RayoSerializationException("function " + nameOf(function) + " captures a value that "
                    + "can't be serialized: " + e.getMessage(), e);
        }
    }

    /** The function encoded in {@code bytes}. */
    public Object decode(byte[] bytes) {
        Decoded last = lastDecoded;
        if (last != null && last.bytes == bytes) {
            return last.function;
        }
        Object fn = decodeCached(bytes);
        lastDecoded = new Decoded(bytes, fn);
        return fn;
    }

    private Object decodeCached(byte[] bytes) {
        ByteBuffer key = ByteBuffer.wrap(bytes);
        Object fn = decoded.get(key);
        if (fn == null) {
            fn = kryo.fromBytes(bytes);
            if (decoded.size() >= CACHE_LIMIT) {
                decoded.clear();
            }
            decoded.put(key, fn);
        }
        return fn;
    }

    private void trustClass(String internalName) {
        try {
            Class<?> type = Class.forName(internalName.replace('/', '.'), false, Thread.currentThread().getContextClassLoader());
            kryo.allowList().trust(type);
        } catch (ClassNotFoundException | LinkageError e) {
            // The class is not visible here: nothing to trust.
        }
    }

    private static SerializedLambda serializedLambda(Object function) {
        return LambdaSerializer.serializedLambda(function);
    }
}
