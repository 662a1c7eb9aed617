package dev.rayo.it;

import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A separate program's first burst of work on a node that lacks its classes: a named actor and, at once,
 * several tasks that look it up and call it. Every one of them decodes its code at the same moment; the
 * first fetches the driver's jar, and the others must use that jar too instead of failing as if the driver
 * shipped nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class CodeShippingBurstTest {
    @RegisterExtension
    static final HeadWithoutTestClasses node = new HeadWithoutTestClasses("burst-node");

    @Test
    void aFirstBurstOfTasksAndANamedActorAllGetTheShippedCode() {
        Rayo.init(RayoConfig.builder().address(node.address())
                .set("rayo.code-path", List.of(Path.of("target", "test-classes").toAbsolutePath().toString())).build());
        ActorHandle<ClusterFns.Tally> named = Rayo.actor(ClusterFns.Tally::new, 100).setName("burst").remote();
        List<ObjectRef<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(Rayo.task(ClusterFns::lookupAndAdd, "burst", 1).remote());
        }
        assertEquals(List.of(101, 102, 103, 104, 105, 106), Rayo.get(calls, Duration.ofSeconds(60)).stream().sorted().toList());
        assertEquals(107, Rayo.get(named.task(ClusterFns.Tally::add, 1).remote(), Duration.ofSeconds(30)));
    }
}
