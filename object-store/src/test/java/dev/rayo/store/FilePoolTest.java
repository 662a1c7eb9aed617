package dev.rayo.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rayo.store.ControlFile.SEALED;
import static dev.rayo.store.PolicyFixture.MB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FilePool} alone: which freed files it keeps, which it hands out, which it lets go, and its repair. */
class FilePoolTest {
    private static final int POOL_CAPACITY = 3 * MB;

    @TempDir
    Path dir;
    private PolicyFixture fx;

    @BeforeEach
    void open() throws Exception {
        fx = new PolicyFixture(dir, 8 * MB, POOL_CAPACITY);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Frees the file of a new sealed object {@code n} of {@code size} bytes; returns its extent. */
    private long free(long n, int size) throws Exception {
        int slot = fx.object(n, size, SEALED, -1);
        fx.pool.releaseFileLocked(slot);
        return fx.control.extent(slot);
    }

    @Test
    void aFreedFileIsPooledAndHandedBackShrunkForAnObjectOfAtLeastHalfItsLength() throws Exception {
        int slot = fx.object(1, MB, SEALED, -1);
        Path file = fx.file(slot);
        long extent = fx.control.extent(slot);
        fx.pool.releaseFileLocked(slot);
        assertFalse(Files.exists(file), "the object's name still holds the file");
        assertEquals(MB, Files.size(fx.files.poolPath(extent)));
        assertEquals(MB, fx.control.pooledBytes());
        assertEquals(1, fx.pool.fileCount());

        assertEquals(-1, fx.pool.pickLocked(MB + 1), "a longer object cannot use the file");
        assertEquals(-1, fx.pool.pickLocked(MB / 2 - 1), "a far shorter object would waste it");
        int entry = fx.pool.pickLocked(700_000);
        assertTrue(entry >= 0, "a fitting file was not picked");

        long used = fx.control.usedBytes();
        Path target = fx.files.path(42, 42);
        assertEquals(MB, fx.pool.takeLocked(entry, slot, 700_000, target));
        assertEquals(0, fx.control.pooledBytes());
        assertEquals(0, fx.pool.fileCount());
        assertEquals(used + 700_000, fx.control.usedBytes());
        MappingCache.Mapping mapping = fx.pool.mapForWrite(slot, extent, MB, target, 700_000);
        try {
            assertEquals(700_000, Files.size(target), "the recycled file was not shrunk to its new object");
            assertEquals(700_000, mapping.buffer.capacity());
            assertEquals(PolicyFixture.content(1, 4)[3], mapping.buffer.get(3), "not the pooled file's pages");
        } finally {
            fx.cache.release(mapping);
        }
    }

    @Test
    void theShortestFittingFileIsPicked() throws Exception {
        free(1, MB);
        free(2, 640 << 10);
        free(3, 800 << 10);
        assertEquals(640 << 10, fx.control.poolLength(fx.pool.pickLocked(600 << 10)));
        assertEquals(800 << 10, fx.control.poolLength(fx.pool.pickLocked(700 << 10)));
        assertEquals(MB, fx.control.poolLength(fx.pool.pickLocked(900 << 10)));
    }

    @Test
    void aFileIsUnlinkedWhenItIsTooSmallOrThePoolIsFull() throws Exception {
        int small = fx.object(1, 4096, SEALED, -1);
        Path smallFile = fx.file(small);
        long epoch = fx.control.memoryEpoch();
        fx.pool.releaseFileLocked(small);
        assertFalse(Files.exists(smallFile));
        assertEquals(0, fx.pool.fileCount(), "a file under MIN_POOLED_FILE_BYTES was pooled");
        assertTrue(fx.control.memoryEpoch() > epoch, "other processes were not told to drop their mappings");

        free(2, 5 * MB / 2);
        int over = fx.object(3, MB, SEALED, -1);
        Path overFile = fx.file(over);
        fx.pool.releaseFileLocked(over);
        assertFalse(Files.exists(overFile));
        assertEquals(1, fx.pool.fileCount(), "pooled beyond the pool capacity");
        assertEquals(5 * MB / 2, fx.control.pooledBytes());
    }

    @Test
    void releasingFreesTheOldestFilesFirstAndOnlyAsManyAsNeeded() throws Exception {
        long oldest = free(1, 512 << 10);
        long younger = free(2, 768 << 10);
        fx.pool.releaseOldestLocked(1);
        assertFalse(Files.exists(fx.files.poolPath(oldest)), "the oldest file should go first");
        assertTrue(Files.exists(fx.files.poolPath(younger)));
        assertEquals(768 << 10, fx.control.pooledBytes());
        fx.pool.releaseOldestLocked(Long.MAX_VALUE);
        assertEquals(0, fx.pool.fileCount());
        assertEquals(0, fx.control.pooledBytes());
    }

    @Test
    void rebuildDeletesUnlistedFilesDropsMissingOnesAndRecountsTheBytes() throws Exception {
        long kept = free(1, MB);
        long lost = free(2, 512 << 10);
        Files.delete(fx.files.poolPath(lost)); // its entry now names nothing
        Path orphan = fx.files.poolPath(0xFFFFFL); // renamed into the pool by a holder that died before listing it
        Files.write(orphan, new byte[100 << 10]);
        fx.control.pooledBytes(12345);

        fx.pool.rebuildLocked();
        assertFalse(Files.exists(orphan), "unlisted pool file left behind");
        assertEquals(1, fx.pool.fileCount());
        assertEquals(MB, fx.control.pooledBytes());
        int entry = fx.pool.pickLocked(MB);
        assertEquals(kept, fx.control.poolExtent(entry));
        assertArrayEquals(PolicyFixture.content(1, MB), Files.readAllBytes(fx.files.poolPath(kept)));
    }
}
