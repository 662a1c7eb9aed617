package dev.rayo.runtime.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Writes serializable lambdas and method references without opening {@code java.base}: Kryo's own
 * {@code ClosureSerializer} reflects into {@link SerializedLambda}'s private fields and its private
 * {@code readResolve}, which needs {@code --add-opens java.base/java.lang.invoke}. This one asks the lambda
 * for its {@link SerializedLambda} through the lambda class's own {@code writeReplace} (a member of the
 * user's class, not of the JDK), writes it through the public accessors, and rebuilds the function through
 * the capturing class's {@code $deserializeLambda$} — exactly what Java serialization does, minus the JDK
 * internals. Registered for Kryo's closure marker class and for {@link SerializedLambda} itself.
 */
public final class LambdaSerializer extends Serializer<Object> {
    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessibleMethod(type, "writeReplace");
        }
    };
    private static final ClassValue<Method> DESERIALIZE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessibleMethod(type, "$deserializeLambda$", SerializedLambda.class);
        }
    };

    /** The {@link SerializedLambda} of a serializable lambda or method reference, or null for other objects. */
    public static SerializedLambda serializedLambda(Object function) {
        if (function instanceof SerializedLambda lambda) {
            return lambda;
        }
        Method writeReplace = WRITE_REPLACE.get(function.getClass());
        if (writeReplace == null) {
            return null;
        }
        try {
            return writeReplace.invoke(function) instanceof SerializedLambda lambda ? lambda : null;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    @Override
    public void write(Kryo kryo, Output output, Object function) {
        SerializedLambda lambda = serializedLambda(function);
        if (lambda == null) {
            throw new KryoException(function.getClass().getName() + " is not a serializable lambda");
        }
        kryo.writeClass(output, capturingClass(function, lambda));
        output.writeString(lambda.getFunctionalInterfaceClass());
        output.writeString(lambda.getFunctionalInterfaceMethodName());
        output.writeString(lambda.getFunctionalInterfaceMethodSignature());
        output.writeVarInt(lambda.getImplMethodKind(), true);
        output.writeString(lambda.getImplClass());
        output.writeString(lambda.getImplMethodName());
        output.writeString(lambda.getImplMethodSignature());
        output.writeString(lambda.getInstantiatedMethodType());
        int count = lambda.getCapturedArgCount();
        output.writeVarInt(count, true);
        for (int i = 0; i < count; i++) {
            kryo.writeClassAndObject(output, lambda.getCapturedArg(i));
        }
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
        Class<?> capturingClass = kryo.readClass(input).getType();
        String interfaceClass = input.readString();
        String interfaceMethod = input.readString();
        String interfaceSignature = input.readString();
        int implKind = input.readVarInt(true);
        String implClass = input.readString();
        String implMethod = input.readString();
        String implSignature = input.readString();
        String instantiatedType = input.readString();
        Object[] captured = new Object[input.readVarInt(true)];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = kryo.readClassAndObject(input);
        }
        SerializedLambda lambda = new SerializedLambda(capturingClass, interfaceClass, interfaceMethod,
                interfaceSignature, implKind, implClass, implMethod, implSignature, instantiatedType, captured);
        if (type == SerializedLambda.class) {
            return lambda;
        }
        Method deserialize = DESERIALIZE.get(capturingClass);
        if (deserialize == null) {
            throw new KryoException("can't rebuild a lambda of " + capturingClass.getName()
                    + ": the class has no $deserializeLambda$ Rayo may call (is its package open to Rayo?)");
        }
        try {
            return deserialize.invoke(null, lambda);
        } catch (IllegalAccessException e) {
            throw new KryoException("can't rebuild a lambda of " + capturingClass.getName(), e);
        } catch (InvocationTargetException e) {
            throw new KryoException("can't rebuild " + implClass + "." + implMethod + ": " + e.getCause(), e.getCause());
        }
    }

    private static Class<?> capturingClass(Object function, SerializedLambda lambda) {
        if (function instanceof SerializedLambda) {
            return load(lambda.getCapturingClass(), Thread.currentThread().getContextClassLoader());
        }
        Class<?> host = function.getClass().getNestHost();
        String name = lambda.getCapturingClass().replace('/', '.');
        return host.getName().equals(name) ? host : load(name, function.getClass().getClassLoader());
    }

    private static Class<?> load(String internalName, ClassLoader loader) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader);
        } catch (ClassNotFoundException e) {
            throw new KryoException("the capturing class " + internalName + " of a lambda can't be loaded", e);
        }
    }

    private static Method accessibleMethod(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method method = type.getDeclaredMethod(name, parameters);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }
}
