package dev.rayo.runtime.code;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import dev.rayo.runtime.wire.RayoMessage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.List;

/**
 * Serves this process's code-path jars to nodes that lack a class one of its tasks needs. Jars go in
 * chunks, like objects, so a large job jar never needs its whole size in one message.
 */
public final class CodeServer {
    /** The name under {@code /system} that peers address. */
    public static final String NAME = "rayo-code";

    /** The server's protocol. */
    public sealed interface Command extends RayoMessage {
    }

    /** Asks which jars this process ships. */
    public record ListCode(ActorRef<CodeList> replyTo) implements Command {
    }

    /** The jars this process ships. */
    public record CodeList(List<CodeArtifact> artifacts) implements RayoMessage {
    }

    /** Asks for a chunk of one jar. */
    public record ReadCode(String sha256, long offset, int length, ActorRef<CodeChunk> replyTo) implements Command {
    }

    /** A chunk of a jar, or why it can't be read. */
    public record CodeChunk(String sha256, long offset, byte[] data, String error) implements RayoMessage {
    }

    private CodeServer() {
    }

    /** The server of {@code code}. */
    public static Behavior<Command> create(ShippedCode code) {
        return Behaviors.receive(Command.class)
                .onMessage(ListCode.class, m -> {
                    m.replyTo().tell(new CodeList(code.artifacts()));
                    return Behaviors.same();
                })
                .onMessage(ReadCode.class, m -> {
                    m.replyTo().tell(read(code, m));
                    return Behaviors.same();
                })
                .build();
    }

    private static CodeChunk read(ShippedCode code, ReadCode m) {
        return code.file(m.sha256()).map(path -> {
            try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
                long left = Math.max(0, f.length() - m.offset());
                byte[] data = new byte[(int) Math.min(m.length(), left)];
                f.seek(m.offset());
                f.readFully(data);
                return new CodeChunk(m.sha256(), m.offset(), data, null);
            } catch (IOException e) {
                return new CodeChunk(m.sha256(), m.offset(), null, e.toString());
            }
        }).orElse(new CodeChunk(m.sha256(), m.offset(), null, "no shipped jar with hash " + m.sha256()));
    }
}
