package dev.rayo.it;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment files of config/ work as shipped: a head, a worker and a driver joining by seed nodes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class ConfigFilesTest {
    private static final Path CONFIG = Path.of("..", "config").toAbsolutePath().normalize();

    @Test
    void headWorkerAndDriverFilesFormACluster() throws Exception {
        try (NodeProcess head = TestNodes.start("config-head", "--config", CONFIG.resolve("head.conf").toString(), "--num-cpus", "1");
             NodeProcess worker = TestNodes.start("config-worker", "--config", CONFIG.resolve("worker.conf").toString(), "--num-cpus", "1")) {
            assertEquals("127.0.0.1:25520", head.hostPort());
            Config driver = ConfigFactory.parseFile(CONFIG.resolve("driver.conf").toFile());
            RayoConfig.Builder b = RayoConfig.builder();
            for (Map.Entry<String, ConfigValue> e : driver.entrySet()) {
                b.set(e.getKey(), e.getValue().unwrapped());
            }
            Rayo.init(b.build());
            try {
                AkkaRayoRuntime rt = (AkkaRayoRuntime) Rayo.runtime();
                Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50))
                        .describedAs("the driver sees both nodes")
                        .until(() -> rt.clusterView().nodes().stream().filter(n -> n.total().get("CPU") > 0).count() >= 2);
                assertTrue(rt.clusterView().node(rt.system().address().toString()).orElseThrow().roles().contains("driver"));
                List<ObjectRef<String>> refs = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    refs.add(Rayo.task(ClusterFns::whereAmI, 200).remote());
                }
                Set<String> nodes = new HashSet<>(Rayo.get(refs));
                assertEquals(Set.of(head.hostPort(), worker.hostPort()), nodes);
            } finally {
                Rayo.shutdown();
            }
        }
    }
}
