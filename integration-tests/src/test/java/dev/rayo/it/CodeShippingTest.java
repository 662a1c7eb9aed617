package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoSerializationException;
import dev.rayo.it.job.JobFns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node started before the job, without the job's classes: a driver with no code path gets a clear
 * missing-class error; a driver that ships its code path runs the job there without restarting the node.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class CodeShippingTest {
    @RegisterExtension
    static final HeadWithoutTestClasses node = new HeadWithoutTestClasses("code-node");

    @Test
    void missingClassIsAClearErrorThenShippedCodeRunsWithoutRestart() {
        Rayo.init(RayoConfig.builder().address(node.address()).build());
        try {
            RayoSerializationException e = assertThrows(RayoSerializationException.class,
                    () -> Rayo.get(Rayo.task(JobFns::greet, "world").remote()));
            // The first class the node can't find is the one holding the method reference (this test class).
            assertTrue(e.getMessage().matches("(?s)class dev\\.rayo\\.it\\.\\S+ is missing on node " + node.address().replace(".", "\\.") + ".*"),
                    e.getMessage());
        } finally {
            Rayo.shutdown();
        }
        String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
        Rayo.init(RayoConfig.builder().address(node.address()).set("rayo.code-path", List.of(testClasses)).build());
        assertEquals("hello world from " + node.address(), Rayo.get(Rayo.task(JobFns::greet, "world").remote()));
        assertEquals(new JobFns.JobValue(42), Rayo.get(Rayo.task(JobFns::wrap, 21).remote()));
        ActorHandle<JobFns.Greeter> greeter = Rayo.actor(JobFns.Greeter::new).remote();
        assertEquals("greeting #1 for ann", Rayo.get(greeter.task(JobFns.Greeter::greet, "ann").remote()));
    }
}
