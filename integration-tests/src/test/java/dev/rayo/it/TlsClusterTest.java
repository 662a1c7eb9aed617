package dev.rayo.it;

import akka.cluster.typed.Cluster;
import dev.rayo.api.ActorHandle;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.cli.NodeProcess;
import dev.rayo.cli.RayoCli;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.runtime.transfer.ObjectPuller;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TLS cluster of real processes (a head and a worker started with {@code --tls DIR}, this JVM the driver
 * with {@code RayoConfig.builder().tls(DIR)}) runs tasks, an actor and a 100 MB TLS stream transfer; a plain-TCP node and
 * a node with a certificate of another CA are refused: they never become members and the cluster keeps
 * serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class TlsClusterTest {
    private static final String PASSWORD = "tls-test-secret";
    private static Path root;
    private static Path tls;
    private static Path settings;
    private static NodeProcess head;
    private static NodeProcess worker;
    private static String seed;

    @BeforeAll
    static void startCluster() throws Exception {
        root = Files.createTempDirectory("rayo-tls-it");
        tls = root.resolve("tls");
        // The password reaches the nodes in a config file: a test cannot set its child processes' environment.
        settings = root.resolve("tls-password.conf");
        Files.writeString(settings, "rayo.tls.password = \"" + PASSWORD + "\"\nrayo.startup-timeout = 15s\n");
        assertEquals(0, RayoCli.execute("tls", "init", tls.toString(), "--config", settings.toString()));
        int headPort = TestNodes.freePort();
        seed = "127.0.0.1:" + headPort;
        head = TestNodes.start("tls-head", "--head", "--port", Integer.toString(headPort), "--num-cpus", "2",
                "--tls", tls.toString(), "--config", settings.toString());
        worker = TestNodes.start("tls-worker", "--address", seed, "--num-cpus", "2", "--resources", "{\"OnlyW\": 4}",
                "--object-store-dir", root.resolve("worker-store").toString(), "--tls", tls.toString(),
                "--config", settings.toString());
        Rayo.init(RayoConfig.builder().address(seed).tls(tls).set("rayo.tls.password", PASSWORD).build());
        Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(50)).describedAs("the driver sees both nodes")
                .until(() -> driver().clusterView().nodes().stream().filter(n -> n.total().get("CPU") > 0).count() == 2);
    }

    @AfterAll
    static void stopCluster() throws IOException {
        try {
            Rayo.shutdown();
        } finally {
            TestNodes.closeAll(worker, head);
            TestTrees.deleteTree(root);
        }
    }

    private static AkkaRayoRuntime driver() {
        return (AkkaRayoRuntime) Rayo.runtime();
    }

    private static int members() {
        return Cluster.get(driver().system()).state().members().size();
    }

    @Test
    @Order(1)
    void theClusterRunsOverTls() {
        assertEquals("tls-tcp", driver().system().settings().config().getString("akka.remote.artery.transport"));
        List<ObjectRef<String>> refs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            refs.add(Rayo.task(ClusterFns::whereAmI, 200).remote());
        }
        assertEquals(Set.of(head.hostPort(), worker.hostPort()), new HashSet<>(Rayo.get(refs)));
        ActorHandle<ClusterFns.Tally> tally = Rayo.actor(ClusterFns.Tally::new).setResource("OnlyW", 1).remote();
        assertEquals(3, Rayo.get(tally.task(ClusterFns.Tally::add, 3).remote()));
        assertEquals(worker.hostPort(), Rayo.get(tally.task(ClusterFns.Tally::node).remote()));
    }

    @Test
    @Order(2)
    void aHundredMegabyteObjectStreamsOverTls() {
        int size = 100 << 20;
        ObjectPuller.Counts before = driver().transfers();
        ObjectRef<byte[]> big = Rayo.task(ClusterFns::makeBytes, size, 7L).setResource("OnlyW", 1).remote();
        assertTrue(Arrays.equals(ClusterFns.makeBytes(size, 7L), Rayo.get(big)), "byte-identical");
        ObjectPuller.Counts after = driver().transfers();
        assertEquals(before.streamed() + 1, after.streamed(), "streamed from the worker's TLS transfer server");
        assertEquals(before.chunked(), after.chunked(), "no Akka chunks");
    }

    @Test
    @Order(3)
    void aPlainTcpNodeIsRefused() throws Exception {
        refused("tls-plain", "--config", settings.toString());
    }

    @Test
    @Order(4)
    void aNodeWithAnotherCasCertificateIsRefused() throws Exception {
        Path other = root.resolve("other-ca");
        assertEquals(0, RayoCli.execute("tls", "init", other.toString(), "--config", settings.toString()));
        refused("tls-other-ca", "--tls", other.toString(), "--config", settings.toString());
    }

    /** The node started with {@code args} fails to join, the membership stays, and the cluster still serves. */
    private static void refused(String name, String... args) throws Exception {
        int before = members();
        assertEquals(3, before, "head, worker and driver");
        List<String> all = new ArrayList<>(List.of("--address", seed, "--num-cpus", "1"));
        all.addAll(List.of(args));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TestNodes.start(name, all.toArray(String[]::new)).close());
        assertTrue(e.getMessage().contains("did not become a cluster member"), e.getMessage());
        assertTrue(e.getMessage().contains("rayo.tls.dir"), e.getMessage());
        assertEquals(before, members(), "the refused node never became a member");
        assertEquals(2, driver().clusterView().nodes().stream().filter(n -> n.total().get("CPU") > 0).count());
        assertEquals(4, Rayo.get(Rayo.task(ClusterFns::plusOne, 3).remote()), "the cluster still serves");
    }
}
