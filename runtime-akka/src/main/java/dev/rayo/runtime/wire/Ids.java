package dev.rayo.runtime.wire;

import java.util.concurrent.ThreadLocalRandom;

/** Random 128-bit ids for objects, tasks and actors, as 32 hex digits. */
public final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    /** A new id; collisions are as likely as for random UUIDs. */
    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[32];
        write(r.nextLong(), out, 0);
        write(r.nextLong(), out, 16);
        return new String(out);
    }

    private static void write(long v, char[] out, int at) {
        for (int i = 15; i >= 0; i--) {
            out[at + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }
}
