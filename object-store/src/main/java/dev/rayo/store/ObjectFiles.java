package dev.rayo.store;

import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The memory-backed files: one file per in-memory object under {@code objects/}, named by its canonical id,
 * mapped by every process that reads it; freed files kept for reuse under {@code pool/}, named by their extent
 * number (16 hex digits). Mapping is lazy (no page is touched), so its cost does not depend on object size.
 */
final class ObjectFiles {
    private static final MappedByteBuffer EMPTY = emptyMapping();

    /**
     * Fresh files at least this long are allocated with {@code write} calls and mapped with every page touched
     * before the object is copied in (see {@link #create}); smaller ones are mapped lazily.
     */
    static final long ALLOCATE_BY_WRITE_MIN_BYTES = 1 << 20;

    /** The zeros written to allocate a file's pages: small enough to stay in the CPU cache, read-only. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private final Path directory;
    private final Path poolDirectory;

    ObjectFiles(Path directory, Path poolDirectory) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.poolDirectory = Files.createDirectories(poolDirectory);
    }

    Path directory() {
        return directory;
    }

    Path poolDirectory() {
        return poolDirectory;
    }

    Path path(long high, long low) {
        return directory.resolve(ObjectId.format(high, low));
    }

    Path poolPath(long extent) {
        return poolDirectory.resolve(String.format("%016x", extent));
    }

    /** The extent named by a pool file, or 0 when the name is not one. */
    static long poolExtent(String name) {
        if (name.length() != 16) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(name, 16);
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    /** Renames a file; atomic, and replaces a leftover at the target. */
    static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Shrinks a recycled file to its new object's size; the pages beyond go back to the system. */
    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    /**
     * Maps the first {@code size} bytes of an existing file read-write. With {@code prefault}, every page is
     * touched once: for a recycled file whose pages exist already, read faults map them many pages at a time
     * (fault-around), far cheaper than one write fault per page while the object is written.
     */
    MappedByteBuffer mapReadWrite(Path file, long size, boolean prefault) throws IOException {
        if (size == 0) {
            return EMPTY;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            if (prefault) {
                buffer.load();
            }
            return buffer;
        }
    }

    /**
     * Creates (or truncates a stale leftover of) the object's file at {@code size} bytes, mapped read-write.
     *
     * <p>A file of at least {@link #ALLOCATE_BY_WRITE_MIN_BYTES} gets its pages ahead of the copy: zeros written
     * with {@code write} calls make the kernel allocate them without a page fault each, and touching the mapping
     * then maps them many at a time (fault-around). Measured on tmpfs, that costs about two thirds of the one
     * write fault per 4 KiB page that copying straight into a fresh mapping takes.
     */
    MappedByteBuffer create(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            if (size == 0) {
                return EMPTY;
            }
            if (size < ALLOCATE_BY_WRITE_MIN_BYTES) {
                return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            }
            return allocateAndMap(channel, size);
        }
    }

    /**
     * Creates a new file of {@code size} bytes (at least {@link #ALLOCATE_BY_WRITE_MIN_BYTES}) with every page
     * allocated and mapped read-write, every page touched: a pool spare, ready for a create to copy into.
     */
    static MappedByteBuffer createAllocated(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE)) {
            return allocateAndMap(channel, size);
        }
    }

    private static MappedByteBuffer allocateAndMap(FileChannel channel, long size) throws IOException {
        for (long position = 0; position < size; ) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int)Math.min(zeros.capacity(), size - position));
            position += channel.write(zeros, position);
        }
        MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        buffer.load();
        return buffer;
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
