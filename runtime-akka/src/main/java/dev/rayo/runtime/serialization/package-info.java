/**
 * Kryo for values and for Rayo's own Akka messages: the pooled Kryo instances with a class allow-list, the
 * Akka serializer binding, the class loader for shipped code, and the serializers of refs and handles.
 * Nothing here needs {@code --add-opens}: {@code FlagFreeKryo} picks public-API serializers for lambdas
 * ({@code LambdaSerializer}) and JDK types ({@code JdkSerializers}), and Java serialization
 * ({@code JavaSerialization}) for exceptions and the JDK types whose fields are closed to reflection.
 */
package dev.rayo.runtime.serialization;
