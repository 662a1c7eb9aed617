package dev.rayo.api;

import java.util.Map;

/**
 * The checks on a resource name and amount that the builders make at once ({@link TaskCaller},
 * {@link ActorCreator}, {@link RayoConfig.Builder}), so a {@code null} fails where it is passed with an
 * {@link IllegalArgumentException} naming the resource, not later with a bare {@code NullPointerException}.
 * The runtime checks the rest (negative, non-finite, fractional above one) when the request is made.
 */
final class ResourceAmounts {
    private ResourceAmounts() {
    }

    /** {@code amount} of resource {@code name}, when both are given. */
    static double checked(String name, Double amount) {
        checkName(name);
        if (amount == null) {
            throw new IllegalArgumentException("resource " + name + ": the amount must not be null");
        }
        return amount;
    }

    /** Checks every entry of {@code amounts}. */
    static void checkAll(Map<String, Double> amounts) {
        if (amounts == null) {
            throw new IllegalArgumentException("the resource amounts must not be null");
        }
        amounts.forEach(ResourceAmounts::checked);
    }

    /** Refuses a null or blank resource name. */
    static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("resource names must not be null or blank, was "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
    }
}
