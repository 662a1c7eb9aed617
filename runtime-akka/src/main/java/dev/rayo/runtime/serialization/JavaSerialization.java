package dev.rayo.runtime.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization for the JDK types Kryo can only write by reflecting into {@code java.base} (and for
 * exceptions, whose message, cause and stack trace live in {@code Throwable}'s private fields): the JDK
 * serializes its own classes without any {@code --add-opens}. Every class named in the incoming stream
 * passes the same allow-list as Kryo's own class names, so this is no back door for foreign bytes.
 */
final class JavaSerialization extends Serializer<Object> {
    private final ClassAllowList allowList;

    JavaSerialization(ClassAllowList allowList) {
        super(false, true);
        this.allowList = allowList;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new CheckedOutput(bytes, allowList)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new KryoException(object.getClass().getName() + " can't be serialized: " + e, e);
        }
        output.writeVarInt(bytes.size(), true);
        output.writeBytes(bytes.toByteArray());
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
        byte[] bytes = input.readBytes(input.readVarInt(true));
        try (ObjectInputStream in = new CheckedInput(new ByteArrayInputStream(bytes), kryo.getClassLoader(), allowList)) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new KryoException("can't deserialize a " + type.getName() + ": " + e, e);
        }
    }

    /** Applies the allow-list's sending rule to every class the stream names, as Kryo's resolver does. */
    private static final class CheckedOutput extends ObjectOutputStream {
        private final ClassAllowList allowList;

        CheckedOutput(ByteArrayOutputStream out, ClassAllowList allowList) throws IOException {
            super(out);
            this.allowList = allowList;
        }

        @Override
        protected void annotateClass(Class<?> type) {
            allowList.checkWritable(type);
        }
    }

    /** Loads classes with the runtime's loader and refuses those the allow-list refuses. */
    private static final class CheckedInput extends ObjectInputStream {
        private final ClassLoader loader;
        private final ClassAllowList allowList;

        CheckedInput(InputStream in, ClassLoader loader, ClassAllowList allowList) throws IOException {
            super(in);
            this.loader = loader;
            this.allowList = allowList;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            Class<?> type;
            try {
                type = Class.forName(description.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                type = super.resolveClass(description);
            }
            Class<?> element = type;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (!element.isPrimitive()) {
                allowList.checkReadable(element);
            }
            return type;
        }

        @Override
        protected Class<?> resolveProxyClass(String[] interfaces) throws java.io.InvalidClassException {
            // A dynamic proxy runs a handler on every call: never built from foreign bytes.
            throw new java.io.InvalidClassException("a dynamic proxy", "Rayo does not deserialize proxies");
        }
    }
}
