package dev.rayo.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The local-disk directory receiving evicted objects. A spilled copy is kept after a restore, so evicting the
 * same object again costs only an unlink; it goes when the object is deleted.
 */
final class SpillDirectory {
    private final Path directory;

    SpillDirectory(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    Path directory() {
        return directory;
    }

    Path path(long high, long low) {
        return directory.resolve(ObjectId.format(high, low));
    }

    /** Bytes the file system still lets this process write. */
    long usableSpace() {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException ex) {
            return 0;
        }
    }

    /**
     * Copies an object file to the spill directory. The kernel copies file to file (no user-space buffer);
     * the copy is forced to disk only by the OS's own write-back, as a spill outliving a host reboot is useless.
     */
    void write(Path objectFile, Path spillFile, long size) throws IOException {
        Path tmp = spillFile.resolveSibling(spillFile.getFileName() + ".part");
        try (FileChannel in = FileChannel.open(objectFile, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                 StandardOpenOption.TRUNCATE_EXISTING)) {
            long position = 0;
            while (position < size) {
                long n = in.transferTo(position, size - position, out);
                if (n <= 0) {
                    throw new IOException("short spill copy of " + objectFile + " at " + position + "/" + size);
                }
                position += n;
            }
        } catch (IOException ex) {
            Files.deleteIfExists(tmp);
            throw ex;
        }
        // Rename last so a crash mid-copy never leaves a truncated file under the object's name.
        Files.move(tmp, spillFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a spilled object into a freshly created, writable mapping of its new object file. */
    void read(Path spillFile, ByteBuffer target) throws IOException {
        try (FileChannel in = FileChannel.open(spillFile, StandardOpenOption.READ)) {
            var view = target.duplicate();
            while (view.hasRemaining()) {
                if (in.read(view, view.position()) < 0) {
                    throw new IOException("spill file " + spillFile + " shorter than its object");
                }
            }
        }
    }

    static void delete(Path file) {
        ObjectFiles.delete(file);
    }
}
