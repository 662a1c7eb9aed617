package dev.rayo.runtime.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.util.MapReferenceResolver;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;

/**
 * A Kryo that needs no {@code --add-opens}: where Kryo would reflect into a JDK class's private fields (which
 * strong encapsulation forbids unless the program opens {@code java.base}), it picks a serializer that uses
 * only public API ({@link JdkSerializers}), rebuilds JDK collections whose class can't be instantiated as a
 * plain copy, and writes any other {@link Serializable} JDK type — and every exception — with Java
 * serialization, which the JDK performs with its own access.
 *
 * <p>The choice never depends on whether this JVM was started with {@code --add-opens}: every node of a
 * cluster must write a type the same way, whatever flags each was given, or one could not read another.
 */
final class FlagFreeKryo extends Kryo {
    private final ClassAllowList allowList;

    FlagFreeKryo(AllowListClassResolver resolver, MapReferenceResolver references, ClassAllowList allowList) {
        super(resolver, references);
        this.allowList = allowList;
    }

    @Override
    public Serializer getDefaultSerializer(Class type) {
        Serializer<?> own = JdkSerializers.forType(type, allowList);
        if (own != null) {
            return own;
        }
        if (Throwable.class.isAssignableFrom(type)) {
            return new JavaSerialization(allowList);
        }
        Class<?> closed = closedDeclaringClass(type);
        Serializer<?> standard;
        try {
            standard = super.getDefaultSerializer(type);
        } catch (InaccessibleObjectException e) {
            standard = null;
        }
        if (standard == null || closed != null && standard instanceof FieldSerializer) {
            // Field by field would reach into a JDK class: possible only with --add-opens, so never used.
            return Serializable.class.isAssignableFrom(type) ? new JavaSerialization(allowList)
                    : new Refusing(type, closed == null ? type : closed);
        }
        Class<?> kind = standard.getClass();
        if ((kind == CollectionSerializer.class || kind == MapSerializer.class) && !instantiable(type)) {
            return JdkSerializers.copying(type);
        }
        return standard;
    }

    /**
     * A JDK collection Kryo would rebuild by instantiating its class and adding to it: fine for
     * {@code ArrayList}, wrong for views and wrappers ({@code subList}, {@code keySet}, ...), whose classes
     * are not public and whose instances need their backing collection.
     */
    private static boolean instantiable(Class<?> type) {
        if (!type.getModule().isNamed()) {
            return true;
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            return false;
        }
        try {
            return Modifier.isPublic(type.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /**
     * The first JDK class of {@code type}'s hierarchy that declares a field Kryo's field serializer would write,
     * or null: such a field can only be reached with {@code --add-opens}.
     */
    private static Class<?> closedDeclaringClass(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (!isJdk(c)) {
                continue;
            }
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                    return c;
                }
            }
        }
        return null;
    }

    private static boolean isJdk(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        return c.getModule().isNamed() && (loader == null || loader == ClassLoader.getPlatformClassLoader());
    }

    /** A type no public API can write: fails with what to do instead of Kryo's access error. */
    private static final class Refusing extends Serializer<Object> {
        private final String message;

        Refusing(Class<?> type, Class<?> closed) {
            this.message = type.getName() + " can't be serialized: it is not Serializable, Rayo has no serializer "
                    + "for it, and its state lives in private fields of the JDK class " + closed.getName()
                    + " (send a Serializable value or a type of your own instead)";
        }

        @Override
        public void write(Kryo kryo, Output output, Object object) {
            throw new KryoException(message);
        }

        @Override
        public Object read(Kryo kryo, Input input, Class<?> type) {
            throw new KryoException(message);
        }
    }
}
