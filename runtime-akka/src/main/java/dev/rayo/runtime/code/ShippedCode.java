package dev.rayo.runtime.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The jars a process can ship to other nodes: its configured code path (class folders are packed into a
 * jar once, at start) and every jar it received itself, so nested tasks can pass the code on.
 */
public final class ShippedCode {
    private final Map<String, Path> bySha = new ConcurrentHashMap<>();
    private final List<CodeArtifact> artifacts = new CopyOnWriteArrayList<>();
    private final Path workDir;

    /** Code kept under {@code workDir} (packed folders and received jars). */
    public ShippedCode(Path workDir) {
        this.workDir = workDir;
    }

    /** Adds a jar, or a class folder packed into a jar; returns the jar's path. */
    public Path add(Path jarOrFolder) {
        try {
            Path jar = Files.isDirectory(jarOrFolder) ? pack(jarOrFolder) : jarOrFolder;
            String sha = sha256(jar);
            if (bySha.putIfAbsent(sha, jar) == null) {
                artifacts.add(new CodeArtifact(sha, jarOrFolder.getFileName().toString(), Files.size(jar)));
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("can't ship code path entry " + jarOrFolder, e);
        }
    }

    /** Registers a jar received from another node under its known hash. */
    public void addReceived(CodeArtifact artifact, Path jar) {
        if (bySha.putIfAbsent(artifact.sha256(), jar) == null) {
            artifacts.add(artifact);
        }
    }

    /** True when a jar with this hash is here. */
    public boolean has(String sha256) {
        return bySha.containsKey(sha256);
    }

    /** Everything this process ships. */
    public List<CodeArtifact> artifacts() {
        return List.copyOf(artifacts);
    }

    /** The file of a shipped jar. */
    public Optional<Path> file(String sha256) {
        return Optional.ofNullable(bySha.get(sha256));
    }

    /** Where received and packed jars are kept. */
    public Path workDir() {
        return workDir;
    }

    private Path pack(Path folder) throws IOException {
        Files.createDirectories(workDir);
        Path jar = Files.createTempFile(workDir, "packed-", ".jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        jar.toFile().deleteOnExit();
        return jar;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
