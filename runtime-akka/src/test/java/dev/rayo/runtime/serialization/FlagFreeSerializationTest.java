package dev.rayo.runtime.serialization;

import dev.rayo.api.exception.RayoSerializationException;
import dev.rayo.api.function.RayoFunc1;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values a Ray user sends, written by Rayo's Kryo in a JVM started without {@code --add-opens} (the test
 * argLine has none): lambdas, JDK wrappers and views, JDK value types and exceptions.
 */
class FlagFreeSerializationTest {
    private final KryoPool kryo = new KryoPool(new ClassAllowList(List.of(), Set.of(), List.of(), true),
            getClass().getClassLoader(), m -> { });

    enum Shade { LIGHT, DARK }

    /** A user exception with a field of its own. */
    static class Overdrawn extends RuntimeException {
        final long missing;

        Overdrawn(String message, long missing, Throwable cause) {
            super(message, cause);
            this.missing = missing;
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T roundTrip(T value) {
        return (T) kryo.fromBytes(kryo.toBytes(value));
    }

    @Test
    void testRunsWithoutOpenedJdkPackages() {
        assertTrue(!Object.class.getModule().isOpen("java.lang", getClass().getModule())
                && !Object.class.getModule().isOpen("java.lang.invoke", getClass().getModule()), "the test JVM opened java.base");
    }

    @Test
    void capturingLambdasRoundTrip() throws Exception {
        int offset = 40;
        List<String> words = List.of("a", "b");
        RayoFunc1<Integer, String> fn = n -> (n + offset) + String.join("", words);
        assertEquals("42ab", roundTrip(fn).apply(2));
        RayoFunc1<String, Integer> ref = String::length;
        assertEquals(3, roundTrip(ref).apply("abc"));
    }

    @Test
    void wrappersKeepTheirKindAndContents() {
        List<Integer> unmodifiable = roundTrip(Collections.unmodifiableList(new ArrayList<>(List.of(1, 2))));
        assertEquals(List.of(1, 2), unmodifiable);
        assertThrows(UnsupportedOperationException.class, () -> unmodifiable.add(3));
        assertEquals(Collections.unmodifiableList(new LinkedList<>()).getClass(),
                roundTrip(Collections.unmodifiableList(new LinkedList<>(List.of(1)))).getClass());
        Map<String, Integer> map = roundTrip(Collections.unmodifiableMap(new HashMap<>(Map.of("a", 1))));
        assertEquals(Map.of("a", 1), map);
        assertThrows(UnsupportedOperationException.class, () -> map.put("b", 2));
        TreeSet<String> reversed = new TreeSet<>(Collections.reverseOrder());
        reversed.addAll(List.of("a", "c", "b"));
        assertEquals(List.of("c", "b", "a"), new ArrayList<>(roundTrip(Collections.unmodifiableSortedSet(reversed))));
        List<Integer> synced = roundTrip(Collections.synchronizedList(new ArrayList<>(List.of(5))));
        synced.add(6);
        assertEquals(List.of(5, 6), synced);
        assertEquals(List.of("x", "y"), roundTrip(Arrays.asList("x", "y")));
        assertEquals(Map.of(1, "a", 2, "b"), roundTrip(Map.of(1, "a", 2, "b")));
    }

    @Test
    void viewsArriveAsCopies() {
        assertEquals(List.of(2, 3), roundTrip(new ArrayList<>(List.of(1, 2, 3, 4)).subList(1, 3)));
        assertEquals(Set.of("k"), roundTrip(new HashMap<>(Map.of("k", 1)).keySet()));
        assertEquals(List.of(1), new ArrayList<>(roundTrip(new TreeMap<>(Map.of("k", 1)).values())));
        assertEquals(Set.of(Map.entry(1, 2)), roundTrip(Map.of(1, 2).entrySet()));
    }

    @Test
    void jdkValuesRoundTrip() {
        UUID id = UUID.randomUUID();
        assertEquals(id, roundTrip(id));
        assertEquals(URI.create("https://example.org/a?b=c#d"), roundTrip(URI.create("https://example.org/a?b=c#d")));
        Pattern p = roundTrip(Pattern.compile("a+b", Pattern.CASE_INSENSITIVE));
        assertTrue(p.matcher("AAB").matches());
        assertEquals(7, roundTrip(new AtomicInteger(7)).get());
        assertEquals("r", roundTrip(new AtomicReference<>("r")).get());
        assertEquals(new AbstractMap.SimpleEntry<>("k", 1), roundTrip(new AbstractMap.SimpleEntry<>("k", 1)));
        EnumMap<Shade, String> shades = new EnumMap<>(Map.of(Shade.DARK, "d"));
        assertEquals(shades, roundTrip(shades));
        EnumMap<Shade, String> empty = roundTrip(new EnumMap<>(Shade.class));
        empty.put(Shade.LIGHT, "l");
        assertThrows(ClassCastException.class, () -> ((Map) empty).put("not a shade", "x"));
    }

    @Test
    void exceptionsKeepClassMessageCauseFieldsAndStackTrace() {
        Overdrawn sent = new Overdrawn("short", 900, new IllegalStateException("inner"));
        Overdrawn back = roundTrip(sent);
        assertEquals("short", back.getMessage());
        assertEquals(900, back.missing);
        assertInstanceOf(IllegalStateException.class, back.getCause());
        assertEquals("inner", back.getCause().getMessage());
        assertEquals(sent.getStackTrace()[0], back.getStackTrace()[0]);
    }

    @Test
    void aClosedJdkTypeThatIsNotSerializableFailsWithAClearError() {
        RayoSerializationException e = assertThrows(RayoSerializationException.class,
                () -> kryo.toBytes(new java.util.Scanner("text")));
        assertTrue(e.getMessage().contains("java.util.Scanner") && e.getMessage().contains("not Serializable"), e.getMessage());
        assertEquals(List.of(1), roundTrip(List.of(1)), "the pool still serves");
    }

    @Test
    void identityWithinOneValueIsKept() {
        List<Integer> shared = Collections.unmodifiableList(new ArrayList<>(List.of(1)));
        List<List<Integer>> both = roundTrip(new ArrayList<>(List.of(shared, shared)));
        assertSame(both.get(0), both.get(1));
    }
}
