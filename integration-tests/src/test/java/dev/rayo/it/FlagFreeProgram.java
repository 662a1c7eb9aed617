package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoTaskException;
import dev.rayo.api.function.RayoFunc1;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A user program as a Ray user writes it, started by {@link NoJvmFlagsTest} with a plain {@code java -cp}
 * and no JVM flags: tasks, actors, a 100 MB object, capturing lambdas, JDK collections, records, enums and
 * exceptions all cross the serializer. Prints one line per check and exits 0 only when every check held.
 */
public final class FlagFreeProgram {
    /** A record value. */
    public record Point(int x, String label) {
    }

    /** An enum value. */
    public enum Shade { LIGHT, DARK }

    /** A user exception with a field of its own. */
    public static class Overdrawn extends RuntimeException {
        final long missing;

        public Overdrawn(String message, long missing) {
            super(message);
            this.missing = missing;
        }
    }

    /** An actor. */
    public static class Account {
        private long balance;

        public Account(long start) {
            balance = start;
        }

        public long deposit(long amount) {
            balance += amount;
            return balance;
        }

        public long withdraw(long amount) {
            if (amount > balance) {
                throw new Overdrawn("short by " + (amount - balance), amount - balance);
            }
            balance -= amount;
            return balance;
        }
    }

    public static int add(int a, int b) {
        return a + b;
    }

    public static Object echo(Object value) {
        return value;
    }

    public static int fail(String message) {
        throw new IllegalStateException(message, new ArithmeticException("root cause"));
    }

    public static long checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i < data.length; i += 4096) {
            sum = sum * 31 + data[i];
        }
        return sum;
    }

    private static int failures;

    public static void main(String[] args) {
        Rayo.init(RayoConfig.builder().numCpus(2).objectStoreBytes(1L << 30).build());
        try {
            check("task", 3, () -> Rayo.get(Rayo.task(FlagFreeProgram::add, 1, 2).remote()));
            ObjectRef<Integer> x = Rayo.task(FlagFreeProgram::add, 1, 2).remote();
            check("task on a ref", 13, () -> Rayo.get(Rayo.task(FlagFreeProgram::add, x, 10).remote()));
            int captured = 40;
            String suffix = "!";
            RayoFunc1<Integer, String> lambda = n -> (n + captured) + suffix;
            check("capturing lambda", "42!", () -> Rayo.get(Rayo.task(lambda, 2).remote()));
            List<Integer> capturedList = List.of(1, 2, 3);
            RayoFunc1<Integer, Integer> sumPlus = n -> n + capturedList.stream().mapToInt(Integer::intValue).sum();
            check("lambda capturing a List.of", 16, () -> Rayo.get(Rayo.task(sumPlus, 10).remote()));

            ActorHandle<Account> account = Rayo.actor(Account::new, 100L).remote();
            check("actor call", 150L, () -> Rayo.get(account.task(Account::deposit, 50L).remote()));
            check("actor state", 100L, () -> Rayo.get(account.task(Account::withdraw, 50L).remote()));

            List<Object> values = List.of(
                    List.of(1, 2, 3), Map.of("a", 1, "b", 2), Collections.unmodifiableList(new ArrayList<>(List.of("u", "v"))),
                    Arrays.asList("x", "y"), Collections.unmodifiableMap(Map.of("k", List.of(1))), Map.of(1, 2).entrySet(),
                    new Point(3, "p"), Shade.DARK, Optional.of("o"), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                    new java.math.BigDecimal("12.50"), java.time.LocalDate.of(2024, 2, 29), java.time.Duration.ofMinutes(3),
                    new java.util.concurrent.ConcurrentHashMap<>(Map.of("c", 3)), new java.util.TreeMap<>(Map.of(2, "b", 1, "a")),
                    java.util.EnumSet.of(Shade.LIGHT), new java.util.EnumMap<>(Map.of(Shade.DARK, "d")),
                    new java.util.concurrent.atomic.AtomicLong(7), java.net.URI.create("https://example.org/a?b=c"));
            for (Object value : values) {
                check("task value " + value.getClass().getName(), value, () -> Rayo.get(Rayo.task(FlagFreeProgram::echo, value).remote()));
                check("put/get " + value.getClass().getName(), value, () -> Rayo.get(Rayo.put(value)));
            }
            check("unmodifiable list stays unmodifiable", true, () -> {
                List<?> back = (List<?>) Rayo.get(Rayo.put(Collections.unmodifiableList(new ArrayList<>(List.of(1)))));
                try {
                    back.clear();
                    return false;
                } catch (UnsupportedOperationException expected) {
                    return true;
                }
            });

            check("task exception keeps its cause class", "java.lang.IllegalStateException: boom / java.lang.ArithmeticException", () -> {
                try {
                    Rayo.get(Rayo.task(FlagFreeProgram::fail, "boom").remote());
                    return "no exception";
                } catch (RayoTaskException e) {
                    return e.getCause().getClass().getName() + ": " + e.getCause().getMessage() + " / "
                            + e.getCause().getCause().getClass().getName();
                }
            });
            check("actor exception keeps its class and fields", "Overdrawn 900", () -> {
                try {
                    Rayo.get(account.task(Account::withdraw, 1000L).remote());
                    return "no exception";
                } catch (RayoTaskException e) {
                    Overdrawn cause = (Overdrawn) e.getCause();
                    return cause.getClass().getSimpleName() + " " + cause.missing;
                }
            });

            byte[] big = new byte[100 << 20];
            for (int i = 0; i < big.length; i += 4096) {
                big[i] = (byte) (i / 4096);
            }
            long expected = checksum(big);
            ObjectRef<byte[]> bigRef = Rayo.put(big);
            check("100 MB put and get", true, () -> Arrays.equals(big, Rayo.get(bigRef)));
            check("100 MB read by a task", expected, () -> Rayo.get(Rayo.task(FlagFreeProgram::checksum, bigRef).remote()));
        } catch (Throwable t) {
            failures++;
            System.out.println("FAIL unexpected: " + t);
            t.printStackTrace(System.out);
        } finally {
            Rayo.shutdown();
        }
        System.out.println(failures == 0 ? "ALL CHECKS PASSED" : failures + " CHECK(S) FAILED");
        System.exit(failures == 0 ? 0 : 1);
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static void check(String name, Object expected, Step step) {
        try {
            Object actual = step.run();
            boolean same = expected instanceof java.util.concurrent.atomic.AtomicLong a
                    ? actual instanceof java.util.concurrent.atomic.AtomicLong b && a.get() == b.get()
                    : Objects.equals(expected, actual) && (expected == null || expected.getClass() == actual.getClass()
                    || expected instanceof Map.Entry || expected instanceof java.util.Set);
            if (same) {
                System.out.println("OK   " + name);
            } else {
                failures++;
                System.out.println("FAIL " + name + ": expected " + expected + " but got " + actual
                        + (actual == null ? "" : " (" + actual.getClass().getName() + ")"));
            }
        } catch (Throwable t) {
            failures++;
            System.out.println("FAIL " + name + ": " + t);
            t.printStackTrace(System.out);
        }
    }
}
