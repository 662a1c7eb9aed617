package dev.rayo.runtime.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.net.URI;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Serializers for common JDK types that use only their public API, so a program needs no
 * {@code --add-opens}: value classes Kryo would otherwise write field by field ({@code UUID}, {@code URI},
 * {@code Pattern}, atomics, map entries, {@code EnumMap}), the {@code Collections.unmodifiable*} and
 * {@code synchronized*} wrappers (rebuilt as the same wrapper around a copy) and collection views such as
 * {@code subList} or {@code keySet} (rebuilt as a plain copy: a view can't travel without its backing
 * collection, and its class can't be instantiated).
 */
final class JdkSerializers {
    private static final Map<Class<?>, Serializer<?>> BY_CLASS = new HashMap<>();

    static {
        BY_CLASS.put(UUID.class, immutable(UUID.class, (o, v) -> {
            o.writeLong(v.getMostSignificantBits());
            o.writeLong(v.getLeastSignificantBits());
        }, (k, in) -> new UUID(in.readLong(), in.readLong())));
        BY_CLASS.put(URI.class, immutable(URI.class, (o, v) -> o.writeString(v.toString()),
                (k, in) -> URI.create(in.readString())));
        BY_CLASS.put(Pattern.class, immutable(Pattern.class, (o, v) -> {
            o.writeString(v.pattern());
            o.writeVarInt(v.flags(), true);
        }, (k, in) -> Pattern.compile(in.readString(), in.readVarInt(true))));
        BY_CLASS.put(AtomicBoolean.class, mutable(AtomicBoolean.class, (k, o, v) -> o.writeBoolean(v.get()),
                (k, in) -> new AtomicBoolean(in.readBoolean())));
        BY_CLASS.put(AtomicInteger.class, mutable(AtomicInteger.class, (k, o, v) -> o.writeVarInt(v.get(), false),
                (k, in) -> new AtomicInteger(in.readVarInt(false))));
        BY_CLASS.put(AtomicLong.class, mutable(AtomicLong.class, (k, o, v) -> o.writeVarLong(v.get(), false),
                (k, in) -> new AtomicLong(in.readVarLong(false))));
        BY_CLASS.put(AtomicReference.class, mutable(AtomicReference.class,
                (k, o, v) -> k.writeClassAndObject(o, v.get()), (k, in) -> new AtomicReference<>(k.readClassAndObject(in))));
        BY_CLASS.put(AbstractMap.SimpleEntry.class, mutable(AbstractMap.SimpleEntry.class, JdkSerializers::writeEntry,
                (k, in) -> new AbstractMap.SimpleEntry<>(k.readClassAndObject(in), k.readClassAndObject(in))));
        BY_CLASS.put(AbstractMap.SimpleImmutableEntry.class, mutable(AbstractMap.SimpleImmutableEntry.class,
                JdkSerializers::writeEntry, (k, in) -> new AbstractMap.SimpleImmutableEntry<>(k.readClassAndObject(in),
                        k.readClassAndObject(in))));
        BY_CLASS.put(Map.entry("", "").getClass(), mutable(Map.Entry.class, JdkSerializers::writeEntry,
                (k, in) -> Map.entry(k.readClassAndObject(in), k.readClassAndObject(in))));
        wrapper(Collections.unmodifiableCollection(new ArrayList<>()), ArrayList::new, Collections::unmodifiableCollection);
        wrapper(Collections.unmodifiableList(new ArrayList<>()), ArrayList::new, c -> Collections.unmodifiableList((List<Object>) c));
        wrapper(Collections.unmodifiableList(new LinkedList<>()), LinkedList::new, c -> Collections.unmodifiableList((List<Object>) c));
        wrapper(Collections.unmodifiableSet(new HashSet<>()), LinkedHashSet::new, c -> Collections.unmodifiableSet((Set<Object>) c));
        wrapper(Collections.unmodifiableSortedSet(new TreeSet<>()), c -> new TreeSet<>((SortedSet<Object>) c),
                c -> Collections.unmodifiableSortedSet((SortedSet<Object>) c));
        wrapper(Collections.unmodifiableNavigableSet(new TreeSet<>()), c -> new TreeSet<>((SortedSet<Object>) c),
                c -> Collections.unmodifiableNavigableSet((NavigableSet<Object>) c));
        wrapper(Collections.synchronizedCollection(new ArrayList<>()), ArrayList::new, Collections::synchronizedCollection);
        wrapper(Collections.synchronizedList(new ArrayList<>()), ArrayList::new, c -> Collections.synchronizedList((List<Object>) c));
        wrapper(Collections.synchronizedList(new LinkedList<>()), LinkedList::new, c -> Collections.synchronizedList((List<Object>) c));
        wrapper(Collections.synchronizedSet(new HashSet<>()), LinkedHashSet::new, c -> Collections.synchronizedSet((Set<Object>) c));
        wrapper(Collections.synchronizedSortedSet(new TreeSet<>()), c -> new TreeSet<>((SortedSet<Object>) c),
                c -> Collections.synchronizedSortedSet((SortedSet<Object>) c));
        wrapper(Collections.synchronizedNavigableSet(new TreeSet<>()), c -> new TreeSet<>((SortedSet<Object>) c),
                c -> Collections.synchronizedNavigableSet((NavigableSet<Object>) c));
        mapWrapper(Collections.unmodifiableMap(new HashMap<>()), LinkedHashMap::new, Collections::unmodifiableMap);
        mapWrapper(Collections.unmodifiableSortedMap(new TreeMap<>()), m -> new TreeMap<>((SortedMap<Object, Object>) m),
                m -> Collections.unmodifiableSortedMap((SortedMap<Object, Object>) m));
        mapWrapper(Collections.unmodifiableNavigableMap(new TreeMap<>()), m -> new TreeMap<>((SortedMap<Object, Object>) m),
                m -> Collections.unmodifiableNavigableMap((NavigableMap<Object, Object>) m));
        mapWrapper(Collections.synchronizedMap(new HashMap<>()), LinkedHashMap::new, Collections::synchronizedMap);
        mapWrapper(Collections.synchronizedSortedMap(new TreeMap<>()), m -> new TreeMap<>((SortedMap<Object, Object>) m),
                m -> Collections.synchronizedSortedMap((SortedMap<Object, Object>) m));
        mapWrapper(Collections.synchronizedNavigableMap(new TreeMap<>()), m -> new TreeMap<>((SortedMap<Object, Object>) m),
                m -> Collections.synchronizedNavigableMap((NavigableMap<Object, Object>) m));
    }

    private JdkSerializers() {
    }

    /** Rayo's serializer for {@code type}, or null when Kryo's choice is fine. */
    static Serializer<?> forType(Class<?> type, ClassAllowList allowList) {
        if (type == EnumMap.class) {
            return new EnumMapSerializer(new JavaSerialization(allowList));
        }
        return BY_CLASS.get(type);
    }

    /** Writes a JDK collection or map its class can't be rebuilt for as a plain copy of its contents. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Serializer<?> copying(Class<?> type) {
        if (Map.class.isAssignableFrom(type)) {
            boolean sorted = SortedMap.class.isAssignableFrom(type);
            return Wrapped.<Map>copying(m -> sorted ? new TreeMap<>((SortedMap) m) : new LinkedHashMap<>((Map) m));
        }
        boolean sorted = SortedSet.class.isAssignableFrom(type);
        boolean set = Set.class.isAssignableFrom(type);
        return Wrapped.<Collection>copying(c -> sorted ? new TreeSet<>((SortedSet) c)
                : set ? new LinkedHashSet<>((Collection) c) : new ArrayList<>((Collection) c));
    }

    private static void writeEntry(Kryo kryo, Output output, Map.Entry<?, ?> entry) {
        kryo.writeClassAndObject(output, entry.getKey());
        kryo.writeClassAndObject(output, entry.getValue());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void wrapper(Collection<?> sample, UnaryOperator<Collection> copy, UnaryOperator<Collection> wrap) {
        BY_CLASS.put(sample.getClass(), new Wrapped<Collection>(copy, wrap));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void mapWrapper(Map<?, ?> sample, UnaryOperator<Map> copy, UnaryOperator<Map> wrap) {
        BY_CLASS.put(sample.getClass(), new Wrapped<Map>(copy, wrap));
    }

    private interface Writer<T> {
        void write(Output output, T value);
    }

    private interface NestedWriter<T> {
        void write(Kryo kryo, Output output, T value);
    }

    private interface Reader<T> {
        T read(Kryo kryo, Input input);
    }

    private static <T> Serializer<T> immutable(Class<T> type, Writer<T> writer, Reader<T> reader) {
        return new Serializer<>(false, true) {
            @Override
            public void write(Kryo kryo, Output output, T value) {
                writer.write(output, value);
            }

            @Override
            public T read(Kryo kryo, Input input, Class<? extends T> t) {
                return reader.read(kryo, input);
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Serializer<T> mutable(Class<?> type, NestedWriter<? super T> writer, Reader<? extends T> reader) {
        return new Serializer<>() {
            @Override
            public void write(Kryo kryo, Output output, T value) {
                writer.write(kryo, output, value);
            }

            @Override
            public T read(Kryo kryo, Input input, Class<? extends T> t) {
                return reader.read(kryo, input);
            }
        };
    }

    /**
     * A wrapper ({@code unmodifiableList(...)}) written as a copy of its contents and wrapped again on reading;
     * with {@link #copying} a view or other uninstantiable JDK collection, read back as the copy.
     */
    private static final class Wrapped<T> extends Serializer<T> {
        private final UnaryOperator<T> copy;
        private final UnaryOperator<T> wrap;

        Wrapped(UnaryOperator<T> copy, UnaryOperator<T> wrap) {
            this.copy = copy;
            this.wrap = wrap;
        }

        static <T> Wrapped<T> copying(UnaryOperator<T> copy) {
            return new Wrapped<>(copy, UnaryOperator.identity());
        }

        @Override
        public void write(Kryo kryo, Output output, T value) {
            kryo.writeClassAndObject(output, copy.apply(value));
        }

        @Override
        @SuppressWarnings("unchecked")
        public T read(Kryo kryo, Input input, Class<? extends T> type) {
            return wrap.apply((T) kryo.readClassAndObject(input));
        }
    }

    /**
     * An {@code EnumMap} by its key type and entries. The key type of an empty map is a private field that
     * no public method returns, so an empty map travels in Java's own serialization form instead.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class EnumMapSerializer extends Serializer<EnumMap> {
        private final JavaSerialization empty;

        EnumMapSerializer(JavaSerialization empty) {
            this.empty = empty;
        }

        @Override
        public void write(Kryo kryo, Output output, EnumMap map) {
            output.writeVarInt(map.size(), true);
            if (map.isEmpty()) {
                empty.write(kryo, output, map);
                return;
            }
            kryo.writeClass(output, ((Enum<?>) map.keySet().iterator().next()).getDeclaringClass());
            map.forEach((k, v) -> {
                output.writeVarInt(((Enum<?>) k).ordinal(), true);
                kryo.writeClassAndObject(output, v);
            });
        }

        @Override
        public EnumMap read(Kryo kryo, Input input, Class<? extends EnumMap> type) {
            int size = input.readVarInt(true);
            if (size == 0) {
                return (EnumMap) empty.read(kryo, input, type);
            }
            Class keyType = kryo.readClass(input).getType();
            EnumMap map = new EnumMap(keyType);
            kryo.reference(map);
            Object[] constants = keyType.getEnumConstants();
            for (int i = 0; i < size; i++) {
                map.put(constants[input.readVarInt(true)], kryo.readClassAndObject(input));
            }
            return map;
        }
    }
}
