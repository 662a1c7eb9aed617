package dev.rayo.runtime.code;

import dev.rayo.runtime.serialization.CodePathClassLoader;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import dev.rayo.api.exception.RayoSerializationException;
import dev.rayo.runtime.serialization.ClassAllowList;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fetches the code a task's owner ships when this node lacks one of its classes: the owner's jars are
 * downloaded once (by content hash), added to the node's {@link CodePathClassLoader} and trusted by the
 * allow-list, and the decoding is tried again.
 */
public final class CodeFetcher {
    private final int chunkBytes;
    private final Duration timeout;

    private final ActorSystem<?> system;
    private final ShippedCode shipped;
    private final CodePathClassLoader loader;
    private final ClassAllowList allowList;
    private final String nodeId;

    /**
     * A fetcher adding jars to {@code loader} and {@code allowList}, in chunks of {@code chunkBytes}, each
     * asked for within {@code timeout}.
     */
    public CodeFetcher(ActorSystem<?> system, ShippedCode shipped, CodePathClassLoader loader, ClassAllowList allowList,
                       String nodeId, int chunkBytes, Duration timeout) {
        this.chunkBytes = chunkBytes;
        this.timeout = timeout;
        this.system = system;
        this.shipped = shipped;
        this.loader = loader;
        this.allowList = allowList;
        this.nodeId = nodeId;
    }

    /**
     * Runs {@code decode}; when it fails for a class this node doesn't have, fetches the code that
     * {@code ownerAddress} ships (unless another decode just did) and runs it once more.
     *
     * @throws RayoSerializationException naming the class when it is nowhere to be found
     */
    public <T> T withOwnersCode(String ownerAddress, Supplier<T> decode) {
        try {
            return decode.get();
        } catch (RayoSerializationException e) {
            if (missingClass(e) == null) {
                throw e;
            }
            // Decoded again even when this call added no jar: a concurrent decode (a burst of the owner's first
            // tasks and actors) may have fetched the owner's jar a moment ago, while this one waited for it.
            fetchFrom(ownerAddress);
            try {
                return decode.get();
            } catch (RayoSerializationException again) {
                e = again;
            }
            String missing = missingClass(e);
            if (missing == null) {
                throw e;
            }
            throw new RayoSerializationException("class " + missing + " is missing on node " + nodeId
                    + ": it is not on the node's classpath or rayo.code-path, and the caller ships no jar with it "
                    + "(set rayo.code-path in the driver)", e);
        }
    }

    /** Downloads what {@code ownerAddress} ships and this node lacks; true when a new jar was added. */
    public synchronized boolean fetchFrom(String ownerAddress) {
        ActorRef<CodeServer.Command> server = ActorRefResolver.get(system)
                .resolveActorRef(ownerAddress + "/system/" + CodeServer.NAME);
        CodeServer.CodeList list;
        try {
            list = AskPattern.<CodeServer.Command, CodeServer.CodeList>ask(server, CodeServer.ListCode::new, timeout,
                    system.scheduler()).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return false;
        }
        boolean added = false;
        for (CodeArtifact artifact : list.artifacts()) {
            if (!shipped.has(artifact.sha256())) {
                Path jar = download(server, artifact);
                shipped.addReceived(artifact, jar);
                loader.add(jar);
                allowList.addCodePath(jar);
                added = true;
            }
        }
        return added;
    }

    private Path download(ActorRef<CodeServer.Command> server, CodeArtifact artifact) {
        try {
            Files.createDirectories(shipped.workDir());
            Path target = shipped.workDir().resolve(artifact.sha256() + ".jar");
            Path partial = Files.createTempFile(shipped.workDir(), artifact.sha256(), ".part");
            try (OutputStream out = Files.newOutputStream(partial)) {
                for (long offset = 0; offset < artifact.sizeBytes(); offset += chunkBytes) {
                    long at = offset;
                    CodeServer.CodeChunk chunk = AskPattern.<CodeServer.Command, CodeServer.CodeChunk>ask(server,
                                    replyTo -> new CodeServer.ReadCode(artifact.sha256(), at, chunkBytes, replyTo), timeout,
                                    system.scheduler()).toCompletableFuture()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    if (chunk.error() != null) {
                        throw new IOException(chunk.error());
                    }
                    out.write(chunk.data());
                }
            }
            if (!ShippedCode.sha256(partial).equals(artifact.sha256())) {
                throw new IOException("jar " + artifact.name() + " arrived corrupted");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            target.toFile().deleteOnExit();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("can't fetch code " + artifact.name(), e);
        } catch (Exception e) {
            throw new IllegalStateException("can't fetch code " + artifact.name() + ": " + e, e);
        }
    }

    /** The class name a decoding error could not find, or null when it failed for another reason. */
    static String missingClass(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClassNotFoundException cnf) {
                return cnf.getMessage();
            }
            String m = t.getMessage();
            if (m != null && m.startsWith("Unable to find class: ")) {
                return m.substring("Unable to find class: ".length()).split("\\s")[0];
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
