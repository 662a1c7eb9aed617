package dev.rayo.store;

import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The memory-backed object files: one file per in-memory object, named by its canonical id, mapped by every
 * process that reads it. Mapping is lazy (no page is touched), so its cost does not depend on object size.
 */
final class ObjectFiles {
    private static final MappedByteBuffer EMPTY = emptyMapping();

    private final Path directory;

    ObjectFiles(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    Path directory() {
        return directory;
    }

    Path path(long high, long low) {
        return directory.resolve(ObjectId.format(high, low));
    }

    /** Creates (or truncates a stale leftover of) the object's file at {@code size} bytes, mapped read-write. */
    MappedByteBuffer create(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            return size == 0 ? EMPTY : channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
    }

    /** Maps an existing object file read-only. */
    MappedByteBuffer mapReadOnly(Path file, long size) {
        return size == 0 ? EMPTY : IoUtil.mapExistingFile(file.toFile(), FileChannel.MapMode.READ_ONLY, "rayo-object", 0, size);
    }

    /**
     * Maps an object file read-only as a fresh root buffer that nothing here will ever unmap: the JDK unmaps it
     * when it and every buffer derived from it are unreachable, so no holder can touch unmapped memory.
     */
    static MappedByteBuffer mapView(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    /** Removes the file; pages stay alive for processes that still map it. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignore) {
            // The only caller intent is "gone"; a missing file or a racing delete already satisfies it.
        }
    }

    static void unmap(MappedByteBuffer buffer) {
        if (buffer != null && buffer != EMPTY && buffer.capacity() > 0) {
            IoUtil.unmap(buffer);
        }
    }

    private static MappedByteBuffer emptyMapping() {
        // A zero-length object still needs a MappedByteBuffer instance to hand out; mapping 0 bytes allocates none.
        try {
            Path tmp = Files.createTempFile("rayo-empty", ".obj");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.READ)) {
                return channel.map(FileChannel.MapMode.READ_ONLY, 0, 0);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    static ByteBuffer emptyBuffer() {
        return EMPTY.duplicate();
    }
}
