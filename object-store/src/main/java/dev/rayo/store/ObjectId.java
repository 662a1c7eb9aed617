package dev.rayo.store;

/**
 * Object ids as the store keeps them: 32 hex digits packed into two longs, so the shared table compares
 * ids with two loads and file names are canonical (lower case) whatever case the caller used.
 */
final class ObjectId {
    /** Characters in an object id. */
    static final int LENGTH = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ObjectId() {
    }

    /** Throws a clear error unless {@code id} is exactly 32 hex digits. */
    static void validate(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("object id must be 32 hex digits: " + id);
        }
    }

    /** True when {@code id} is exactly 32 hex digits. */
    static boolean isValid(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (Character.digit(id.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The first 16 hex digits; {@link #validate} first. */
    static long high(String id) {
        return parse(id, 0);
    }

    /** The last 16 hex digits; {@link #validate} first. */
    static long low(String id) {
        return parse(id, 16);
    }

    private static long parse(String id, int from) {
        long value = 0;
        for (int i = from, end = from + 16; i < end; i++) {
            value = (value << 4) | Character.digit(id.charAt(i), 16);
        }
        return value;
    }

    /** The canonical lower-case text of an id, used as its file name. */
    static String format(long high, long low) {
        char[] chars = new char[LENGTH];
        for (int i = 15; i >= 0; i--) {
            chars[i] = HEX[(int)(high & 0xF)];
            high >>>= 4;
            chars[16 + i] = HEX[(int)(low & 0xF)];
            low >>>= 4;
        }
        return new String(chars);
    }

    /** A well-mixed hash so that sequential ids spread over the open-addressing table. */
    static int hash(long high, long low) {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int)h;
    }
}
