package dev.rayo.runtime.serialization;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializers;
import com.typesafe.config.ConfigFactory;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.exception.RayoSerializationException;
import dev.rayo.runtime.actor.ActorHost;
import dev.rayo.runtime.wire.ActorSpec;
import dev.rayo.runtime.wire.ErrorPayload;
import dev.rayo.runtime.ownership.OwnerEndpoint;
import dev.rayo.runtime.wire.StoredValue;
import dev.rayo.runtime.wire.ResourceSet;
import dev.rayo.runtime.wire.TaskArg;
import dev.rayo.runtime.wire.TaskSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rayo's messages go through the Kryo serializer (never Java serialization), and the allow-list holds. */
class SerializationTest {
    private static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "serialization-test", ConfigFactory.parseString(
                "akka.actor.provider = cluster\nakka.remote.artery.canonical.port = 0\n"
                        + "akka.actor.allow-java-serialization = off\nakka.loglevel = WARNING").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    private static Object roundTrip(Object message) {
        Serialization serialization = SerializationExtension.get(system);
        akka.serialization.Serializer serializer = serialization.findSerializerFor(message);
        assertEquals(RayoAkkaSerializer.class, serializer.getClass(), "serializer of " + message.getClass());
        byte[] bytes = serializer.toBinary(message);
        return serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message)).get();
    }

    @Test
    void everyMessageKindRoundTripsThroughTheKryoSerializer() {
        StoredValue.Inline inline = new StoredValue.Inline(1, new byte[] {1, 2, 3});
        TaskSpec spec = new TaskSpec("t1", "Fns.add", new byte[] {9}, List.of(new TaskArg.Value(inline)),
                ResourceSet.ofAmounts(Map.of("CPU", 1.0, "GPU", 0.5)), List.of("o1", "o2"), "akka://rayo@h:1", 3, false, 0);
        TaskSpec back = (TaskSpec) roundTrip(spec);
        assertEquals(spec.taskId(), back.taskId());
        assertEquals(spec.resources(), back.resources());
        assertEquals(spec.returnIds(), back.returnIds());
        assertArrayEquals(inline.bytes(), ((StoredValue.Inline) ((TaskArg.Value) back.args().get(0)).value()).bytes());

        ActorSpec actor = new ActorSpec("a1", "Counter", "n", new byte[] {1}, List.of(), ResourceSet.EMPTY, 2,
                ActorPersistence.JOURNAL, "akka://rayo@h:1");
        assertEquals(ActorPersistence.JOURNAL, ((ActorHost.Create) roundTrip(new ActorHost.Create(actor))).spec().persistence());
        ErrorPayload error = ErrorPayload.of(ErrorPayload.Kind.ACTOR, "x", "n", "dead");
        OwnerEndpoint.ObjectReady ready = new OwnerEndpoint.ObjectReady("o1", new StoredValue.Failed(error));
        assertEquals("dead", ((StoredValue.Failed) ((OwnerEndpoint.ObjectReady) roundTrip(ready)).value()).error().message());
    }

    @Test
    void javaSerializationIsOff() {
        assertFalse(system.settings().config().getBoolean("akka.actor.allow-java-serialization"));
        assertThrows(Exception.class, () -> SerializationExtension.get(system).serialize(new ArrayList<>(List.of(new java.io.Serializable() {
        }))).get());
    }

    /** A class from a jar that is not on the code path: the allow-list must refuse to build it from bytes. */
    @Test
    void allowListRefusesClassesOutsideAllowedPackages() {
        ClassAllowList strict = new ClassAllowList(List.of(), Set.of(), List.<Path>of(), false);
        KryoPool writer = new KryoPool(new ClassAllowList(List.of("org.slf4j"), Set.of(), List.of(), false),
                getClass().getClassLoader(), m -> { });
        KryoPool reader = new KryoPool(strict, getClass().getClassLoader(), m -> { });
        byte[] bytes = writer.toBytes(new org.slf4j.helpers.BasicMarkerFactory());
        RayoSerializationException e = assertThrows(RayoSerializationException.class, () -> reader.fromBytes(bytes));
        assertTrue(e.getMessage().contains("org.slf4j.helpers.BasicMarkerFactory"), e.getMessage());
        // JDK value types and collections are always accepted.
        Map<String, List<Integer>> value = new HashMap<>(Map.of("a", List.of(1, 2)));
        assertEquals(value, reader.fromBytes(writer.toBytes(value)));
        // Classes that must never be built from bytes are refused even when written by a trusting peer.
        assertFalse(strict.isReadable(ProcessBuilder.class));
        assertFalse(strict.isReadable(Thread.class));
        assertTrue(strict.isReadable(java.time.Instant.class));
        assertTrue(strict.isReadable(int[][].class));
    }

    @Test
    void userClassesFromClassFoldersAreTrustedWhenConfigured() {
        ClassAllowList folders = new ClassAllowList(List.of(), Set.of(), List.of(), true);
        assertTrue(folders.isReadable(com.example.usercode.UserValue.class));
        ClassAllowList none = new ClassAllowList(List.of(), Set.of(), List.of(), false);
        assertFalse(none.isReadable(com.example.usercode.UserValue.class));
        ClassAllowList byPackage = new ClassAllowList(List.of("com.example"), Set.of(), List.of(), false);
        assertTrue(byPackage.isReadable(com.example.usercode.UserValue.class));
        assertFalse(none.isReadable(org.slf4j.helpers.BasicMarkerFactory.class), "classes from dependency jars are not trusted");
    }
}
