package dev.rayo.runtime.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.util.MapReferenceResolver;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;

/**
 * A Kryo that needs no {@code --add-opens}: before Kryo falls back to reflecting into a JDK class's
 * private fields (which strong encapsulation forbids unless the program opens {@code java.base}), it picks
 * a serializer that uses only public API ({@link JdkSerializers}), rebuilds JDK collections the class
 * can't be instantiated for through a plain copy, and writes any other {@link Serializable} JDK type — and
 * every exception — with Java serialization, which the JDK performs with its own access.
 *
 * <p>When the program did open the package ({@code --add-opens}, see {@code config/jvm-options}), Kryo's
 * field serializer is used for it as before: that is the optional speed-up the flags buy.
 */
final class FlagFreeKryo extends Kryo {
    private static final Module RAYO = FlagFreeKryo.class.getModule();

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
        if (Throwable.class.isAssignableFrom(type) && !isOpen(Throwable.class)) {
            return new JavaSerialization(allowList);
        }
        Serializer<?> standard;
        try {
            standard = super.getDefaultSerializer(type);
        } catch (InaccessibleObjectException closed) {
            // Kryo's field serializer reflects into a JDK class of type's hierarchy that the program did not open.
            return Serializable.class.isAssignableFrom(type) ? new JavaSerialization(allowList)
                    : new Refusing(type, closedDeclaringClass(type));
        }
        Class<?> kind = standard.getClass();
        if ((kind == CollectionSerializer.class || kind == MapSerializer.class) && !instantiable(type)) {
            return JdkSerializers.copying(type);
        }
        return standard;
    }

    /** True when Rayo may reflect into {@code type}'s private members: its package is open to Rayo. */
    static boolean isOpen(Class<?> type) {
        Module module = type.getModule();
        return !module.isNamed() || module.isOpen(type.getPackageName(), RAYO);
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

    /** The first class of {@code type}'s hierarchy with a serialized field Rayo is not allowed to reach. */
    private static Class<?> closedDeclaringClass(Class<?> type) {
        Class<?> last = type;
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (isOpen(c)) {
                continue;
            }
            last = c;
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                    return c;
                }
            }
        }
        return last;
    }

    /** A type no public API can write: fails with what to do instead of Kryo's access error. */
    private static final class Refusing extends Serializer<Object> {
        private final String message;

        Refusing(Class<?> type, Class<?> closed) {
            this.message = type.getName() + " can't be serialized: it is neither Serializable nor supported by "
                    + "Rayo, and its fields in " + closed.getName() + " are closed to reflection (run with "
                    + "--add-opens=" + closed.getModule().getName() + "/" + closed.getPackageName()
                    + "=ALL-UNNAMED, or send a value of a public type)";
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
