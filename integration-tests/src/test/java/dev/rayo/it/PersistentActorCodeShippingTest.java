package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ActorPersistence;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.it.job.JobFns;
import dev.rayo.it.job2.Badge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A JOURNAL actor decodes each call under the code of the process that made the call, as tasks and
 * in-memory actors do: a node without the test classes hosts an actor that a first job created with its
 * shipped code; a second job, shipping other code, calls it with a value class only that second job has.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(DefaultStoreCleanup.class)
class PersistentActorCodeShippingTest {
    private static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();
    private static final Path JOB2 = Path.of("dev", "rayo", "it", "job2");
    @RegisterExtension
    static final HeadWithoutTestClasses node = new HeadWithoutTestClasses("journal-code-node");

    @TempDir
    static Path codeDirs;

    @Test
    void aJournalActorDecodesACallUnderTheCallersShippedCode() throws IOException {
        Path firstJob = copyTestClasses(codeDirs.resolve("first"), p -> !p.startsWith(JOB2));
        Path secondJob = copyTestClasses(codeDirs.resolve("second"), p -> p.startsWith(JOB2));
        String name = "journal-greeter-" + System.nanoTime();

        Rayo.init(RayoConfig.builder().address(node.address()).set("rayo.code-path", List.of(firstJob.toString())).build());
        ActorHandle<JobFns.Greeter> greeter = Rayo.actor(JobFns.Greeter::new).setName(name)
                .setPersistence(ActorPersistence.JOURNAL).remote();
        assertEquals("greeting #1 for ann", Rayo.get(greeter.task(JobFns.Greeter::greet, "ann").remote()));
        Rayo.shutdown();

        Rayo.init(RayoConfig.builder().address(node.address()).set("rayo.code-path", List.of(secondJob.toString())).build());
        ActorHandle<JobFns.Greeter> same = Rayo.<JobFns.Greeter>getActor(name).orElseThrow();
        assertEquals("greeting #2 for bob", Rayo.get(same.task(JobFns.Greeter::greetBadge, new Badge("bob")).remote(),
                Duration.ofSeconds(60)));
    }

    /** A copy of the test classes holding the files (relative paths) that {@code keep} accepts. */
    private static Path copyTestClasses(Path target, Predicate<Path> keep) throws IOException {
        try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
            files.filter(Files::isRegularFile).filter(f -> keep.test(TEST_CLASSES.relativize(f))).forEach(f -> {
                Path copy = target.resolve(TEST_CLASSES.relativize(f));
                try {
                    Files.createDirectories(copy.getParent());
                    Files.copy(f, copy);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}
