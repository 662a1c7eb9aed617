package dev.rayo.bench;

import java.util.Locale;

/**
 * Number formatting shared by the table and the progress lines, so a figure reads the same everywhere:
 * thousands separators for rates, enough digits for small ratios.
 */
final class Format {
    private Format() {
    }

    /** A figure in its unit's usual precision. */
    static String figure(double v, Unit unit) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return switch (unit) {
            case OPS_PER_S -> v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
            case GB_PER_S -> String.format(Locale.ROOT, "%.2f", v);
            case MICROS -> micros(v);
        };
    }

    /** Microseconds: one decimal below 1,000. */
    static String micros(double v) {
        return v >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A ratio: three significant decimals when small. */
    static String ratio(double r) {
        if (Double.isNaN(r)) {
            return "—";
        }
        return r < 0.1 ? String.format(Locale.ROOT, "%.3f", r) : String.format(Locale.ROOT, "%.2f", r);
    }
}
