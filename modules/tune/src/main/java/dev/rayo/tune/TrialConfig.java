package dev.rayo.tune;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One trial's hyper-parameters, drawn from the {@link ParamSpace}. The typed getters convert numbers, so a grid
 * of {@code 1, 2} reads back with {@link #getDouble} as well as {@link #getInt}; a missing name or a value of
 * the wrong kind is an {@link IllegalArgumentException} naming the parameter, not a silent default.
 */
public final class TrialConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> values;

    /** Wraps {@code values} (copied, order kept). */
    public TrialConfig(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /**
     * The value of {@code name}.
     *
     * @throws IllegalArgumentException when the config has no such parameter (the message lists those it has)
     */
    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("the trial config has no parameter '" + name + "'; it has "
                    + values.keySet());
        }
        return values.get(name);
    }

    /** {@code name} as a double. */
    public double getDouble(String name) {
        return number(name).doubleValue();
    }

    /** {@code name} as an int; a double with a fraction is refused rather than truncated. */
    public int getInt(String name) {
        long v = getLong(name);
        if (v != (int) v) {
            throw new IllegalArgumentException("parameter '" + name + "' = " + v + " does not fit an int");
        }
        return (int) v;
    }

    /** {@code name} as a long; a double with a fraction is refused rather than truncated. */
    public long getLong(String name) {
        Number n = number(name);
        if ((n instanceof Double || n instanceof Float) && n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("parameter '" + name + "' = " + n + " is not a whole number");
        }
        return n.longValue();
    }

    /** {@code name} as a string: its text, whatever its type. */
    public String getString(String name) {
        return String.valueOf(get(name));
    }

    /** Every parameter, in the space's order (unmodifiable). */
    public Map<String, Object> asMap() {
        return values;
    }

    private Number number(String name) {
        Object v = get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("parameter '" + name + "' = " + v + " is not a number");
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialConfig c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
