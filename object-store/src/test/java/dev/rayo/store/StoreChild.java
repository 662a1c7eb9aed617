package dev.rayo.store;

import java.nio.file.Paths;
import java.time.Duration;

/**
 * A second JVM for the multi-process tests. Commands:
 * <ul>
 *   <li>{@code read DIR ID SEED SIZE NEWID NEWSEED NEWSIZE}: verify an object, write another, exit</li>
 *   <li>{@code crash-create DIR ID SIZE}: start a big object, print CREATED, sleep until killed</li>
 *   <li>{@code pin DIR ID}: pin an object, print PINNED, sleep until killed</li>
 *   <li>{@code view DIR ID}: take a GC-tied view, close the reader, print VIEWED, sleep until killed</li>
 *   <li>{@code attach DIR}: open the store, print ATTACHED, sleep until killed</li>
 *   <li>{@code pool DIR ID SIZE}: put an object and delete it (its file goes to the pool), print POOLED, sleep
 *       until killed</li>
 * </ul>
 */
public final class StoreChild {
    private StoreChild() {
    }

    /** Runs one command; exit status 0 on success. */
    public static void main(String[] args) throws Exception {
        StoreConfig config = StoreConfig.builder()
            .directory(Paths.get(args[1]))
            .capacityBytes(1)           // ignored: the control file exists
            .sweepInterval(Duration.ZERO)
            .build();
        SharedObjectStore store = ObjectStores.open(config);
        switch (args[0]) {
            case "read" -> {
                long size = Long.parseLong(args[4]);
                try (ReadableObject r = store.get(args[2]).orElseThrow(() -> new AssertionError("not found: " + args[2]))) {
                    if (!StoreTestSupport.matches(r.buffer(), Long.parseLong(args[3]), size)) {
                        System.out.println("MISMATCH");
                        System.exit(2);
                    }
                }
                StoreTestSupport.put(store, args[5], Long.parseLong(args[7]), Long.parseLong(args[6]));
                store.close();
                System.out.println("OK");
            }
            case "crash-create" -> {
                WritableObject w = store.create(args[2], Long.parseLong(args[3]), 0);
                StoreTestSupport.fill(w.buffer(), 1);
                System.out.println("CREATED");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            case "pin" -> {
                ReadableObject r = store.get(args[2]).orElseThrow();
                System.out.println("PINNED " + r.sizeBytes());
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            case "view" -> {
                java.nio.ByteBuffer view;
                try (ReadableObject r = store.get(args[2]).orElseThrow()) {
                    view = r.retainedView();
                }
                System.out.println("VIEWED " + view.remaining());
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
                System.out.println(view.get(0)); // keeps the view reachable while sleeping
            }
            case "pool" -> {
                StoreTestSupport.put(store, args[2], Long.parseLong(args[3]), 1);
                store.delete(args[2]);
                System.out.println("POOLED " + store.stats().pooledFiles());
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            case "attach" -> {
                System.out.println("ATTACHED");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
