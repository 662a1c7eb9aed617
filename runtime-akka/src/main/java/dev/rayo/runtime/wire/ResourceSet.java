package dev.rayo.runtime.wire;


import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Amounts of named resources in fixed point (1/10,000 of a unit), so that fractional requests such as
 * 0.5 GPU add and subtract exactly.
 *
 * @param units resource name to amount in 1/10,000 units
 */
public record ResourceSet(Map<String, Long> units) implements RayoMessage {
    /** Fixed-point units per whole resource. */
    public static final long UNIT = 10_000;
    /** The CPU resource name. */
    public static final String CPU = "CPU";
    /** The GPU resource name. */
    public static final String GPU = "GPU";
    /** Nothing. */
    public static final ResourceSet EMPTY = new ResourceSet(Map.of());

    /** Shapes already built from user amounts (requests repeat: most tasks ask for the same few shapes). */
    private static final int SHAPE_CACHE_LIMIT = 256;
    private static final Map<Map<String, Double>, ResourceSet> SHAPES = new ConcurrentHashMap<>();

    /** Copies the map and drops zero amounts. */
    public ResourceSet {
        boolean hasZero = false;
        for (Long v : units.values()) {
            if (v == 0) {
                hasZero = true;
                break;
            }
        }
        if (hasZero) {
            Map<String, Long> copy = new HashMap<>();
            units.forEach((k, v) -> {
                if (v != 0) {
                    copy.put(k, v);
                }
            });
            units = copy;
        }
        units = Map.copyOf(units);
    }

    /**
     * A request from user amounts; validates names and amounts (fractions only below 1, like Ray).
     *
     * @throws IllegalArgumentException for negative, non-finite or fractional-above-one amounts
     */
    public static ResourceSet ofAmounts(Map<String, Double> amounts) {
        ResourceSet known = SHAPES.get(amounts);
        if (known != null) {
            return known;
        }
        ResourceSet made = parseAmounts(amounts);
        if (SHAPES.size() >= SHAPE_CACHE_LIMIT) {
            SHAPES.clear();
        }
        SHAPES.put(Map.copyOf(amounts), made);
        return made;
    }

    private static ResourceSet parseAmounts(Map<String, Double> amounts) {
        Map<String, Long> units = new HashMap<>();
        amounts.forEach((name, amount) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("resource names must not be empty");
            }
            if (amount == null || !Double.isFinite(amount) || amount < 0) {
                throw new IllegalArgumentException("resource " + name + " must be a finite amount >= 0, was " + amount);
            }
            if (amount > 1 && amount != Math.rint(amount)) {
                throw new IllegalArgumentException("resource " + name + ": amounts above 1 must be whole, was " + amount);
            }
            units.put(name, Math.round(amount * UNIT));
        });
        return new ResourceSet(units);
    }

    /** The amount of {@code name} in units. */
    public long get(String name) {
        return units.getOrDefault(name, 0L);
    }

    /** True when every amount here is at most the one in {@code other}. */
    public boolean fitsIn(ResourceSet other) {
        for (Map.Entry<String, Long> e : units.entrySet()) {
            if (e.getValue() > other.get(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    /** This plus {@code other}. */
    public ResourceSet plus(ResourceSet other) {
        if (other.units.isEmpty()) {
            return this;
        }
        Map<String, Long> m = new HashMap<>(units);
        other.units.forEach((k, v) -> m.merge(k, v, Long::sum));
        return new ResourceSet(m);
    }

    /** This minus {@code other} (amounts may go negative when a blocked task resumes over capacity). */
    public ResourceSet minus(ResourceSet other) {
        if (other.units.isEmpty()) {
            return this;
        }
        Map<String, Long> m = new HashMap<>(units);
        other.units.forEach((k, v) -> m.merge(k, -v, Long::sum));
        return new ResourceSet(m);
    }

    /** Only the named resource. */
    public ResourceSet only(String name) {
        long v = get(name);
        return v == 0 ? EMPTY : new ResourceSet(Map.of(name, v));
    }

    /** As user amounts. */
    public Map<String, Double> toAmounts() {
        Map<String, Double> m = new TreeMap<>();
        units.forEach((k, v) -> m.put(k, v / (double) UNIT));
        return m;
    }

    @Override
    public String toString() {
        return toAmounts().toString();
    }
}
