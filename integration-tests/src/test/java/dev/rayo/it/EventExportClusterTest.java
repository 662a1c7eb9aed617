package dev.rayo.it;

import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoException;
import dev.rayo.cli.NodeProcess;
import dev.rayo.runtime.AkkaRayoRuntime;
import dev.rayo.runtime.config.JournalDatabase;
import dev.rayo.runtime.events.ExportedEvents;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.state.AttemptRow;
import dev.rayo.runtime.state.TaskDetail;
import dev.rayo.runtime.state.TaskHistory;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * History that outlives the cluster: a head and two worker processes and a driver, all with
 * {@code rayo.events.export = jdbc} and the journal in a real PostgreSQL (config/postgres.conf), run tasks on
 * both workers, one of them waiting for another's output; every process is then killed with SIGKILL, and the
 * events read back from PostgreSQL alone fold into every task, FINISHED, on the node that ran it, with its
 * attempt, its phases and the owner's submission.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(DefaultStoreCleanup.class)
class EventExportClusterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void exportedEventsInPostgresGiveEveryTasksHistoryAfterEveryProcessIsKilled() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start()) {
            Path conf = pg.nodeConfig();
            Files.writeString(conf, "rayo.events.export = jdbc\nrayo.events.export-interval = 200ms\n",
                    StandardOpenOption.APPEND);
            int headPort = TestNodes.freePort();
            List<NodeProcess> nodes = new ArrayList<>();
            Map<String, String> ranOn = new LinkedHashMap<>(); // task id -> the node id the task reported
            String driverNode;
            String chainedId;
            ExportedEvents exported = new ExportedEvents(new JournalDatabase("test", pg.jdbcUrl(), "postgres", "",
                    "org.postgresql.Driver"), TIMEOUT);
            try {
                nodes.add(TestNodes.start("export-head", "--head", "--port", Integer.toString(headPort),
                        "--num-cpus", "1", "--config", conf.toString()));
                for (int i = 1; i <= 2; i++) {
                    nodes.add(TestNodes.start("export-worker" + i, "--address", "127.0.0.1:" + headPort,
                            "--num-cpus", "2", "--resources", "{\"OnlyW" + i + "\": 2}", "--config", conf.toString()));
                }
                Rayo.init(driverConfig(pg, "127.0.0.1:" + headPort));
                driverNode = ((AkkaRayoRuntime) Rayo.runtime()).nodeId();
                List<ObjectRef<String>> refs = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    refs.add(Rayo.task(ClusterFns::whereAmI, 10).setResource("OnlyW" + (1 + i % 2), 1).remote());
                }
                ObjectRef<double[]> onW1 = Rayo.task(ClusterFns::makeDoubles, 1000).setResource("OnlyW1", 1).remote();
                ObjectRef<String> onW2 = Rayo.task(ClusterFns::sumAndWhere, onW1).setResource("OnlyW2", 1).remote();
                for (ObjectRef<String> ref : refs) {
                    ranOn.put(taskIdOf(ref), Rayo.get(ref, TIMEOUT));
                }
                String sumAndWhere = Rayo.get(onW2, TIMEOUT);
                chainedId = taskIdOf(onW2);
                ranOn.put(chainedId, sumAndWhere.substring(sumAndWhere.indexOf('@') + 1));
                Rayo.get(onW1, TIMEOUT);
                ranOn.put(taskIdOf(onW1), nodeIdOf(nodes.get(1)));

                // The export runs every 200 ms on each node: wait until every task's end reached PostgreSQL.
                Eventually.within(Duration.ofSeconds(60)).every(Duration.ofMillis(200))
                        .describedAs("every task's events in PostgreSQL")
                        .until(() -> allFinished(exported, ranOn.keySet()));
            } finally {
                Rayo.shutdown();
                nodes.forEach(NodeProcess::close); // SIGKILL: no node writes anything after this
                Files.deleteIfExists(conf);
            }

            List<TaskEvent> events = exported.all();
            Map<String, TaskHistory> histories = TaskHistory.fold(events);
            assertTrue(histories.keySet().containsAll(ranOn.keySet()), histories.keySet() + " vs " + ranOn.keySet());
            for (Map.Entry<String, String> task : ranOn.entrySet()) {
                TaskDetail detail = histories.get(task.getKey()).detail();
                assertEquals("FINISHED", detail.task().state(), detail.toString());
                assertEquals(task.getValue(), detail.task().node(), "the node that ran it: " + detail);
                assertEquals(driverNode, detail.task().owner(), "submitted by the driver: " + detail);
                assertEquals(1, detail.returnIds().size(), detail.toString());
                List<AttemptRow> attempts = detail.attempts();
                assertEquals(1, attempts.size(), detail.toString());
                AttemptRow attempt = attempts.get(0);
                assertEquals(0, attempt.attempt());
                assertEquals(task.getValue(), attempt.node());
                assertFalse(attempt.worker().isEmpty(), "the worker thread: " + attempt);
                assertTrue(attempt.isComplete(), "the three phases: " + attempt);
            }
            TaskDetail chained = histories.get(chainedId).detail();
            assertEquals(1, chained.argRefs().size(), "waited for makeDoubles' output: " + chained);
            assertTrue(chained.history().stream().anyMatch(s -> s.state().equals("PENDING_ARGS")), chained.toString());
            assertTrue(events.stream().anyMatch(e -> e.nodeId().equals(nodeIdOf(nodes.get(1))))
                    && events.stream().anyMatch(e -> e.nodeId().equals(nodeIdOf(nodes.get(2)))), "both workers exported");
        }
    }

    private static RayoConfig driverConfig(LocalPostgres pg, String address) {
        return RayoConfig.builder().address(address)
                .set("rayo.persistence.journal", "jdbc")
                .set("akka-persistence-jdbc.shared-databases.slick.profile", "slick.jdbc.PostgresProfile$")
                .set("akka-persistence-jdbc.shared-databases.slick.db.driver", "org.postgresql.Driver")
                .set("akka-persistence-jdbc.shared-databases.slick.db.url", pg.jdbcUrl())
                .set("akka-persistence-jdbc.shared-databases.slick.db.user", "postgres")
                .set("akka-persistence-jdbc.shared-databases.slick.db.password", "")
                .set("rayo.events.export", "jdbc")
                .set("rayo.events.export-interval", "200ms").build();
    }

    private static boolean allFinished(ExportedEvents exported, java.util.Set<String> taskIds) {
        Map<String, TaskHistory> histories;
        try {
            histories = TaskHistory.fold(exported.all());
        } catch (RayoException noTableYet) {
            return false;
        }
        for (String id : taskIds) {
            TaskHistory h = histories.get(id);
            if (h == null || !h.row().state().equals("FINISHED") || h.row().owner().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The id of the task that makes {@code ref}: its first return's id is the task's id plus a suffix. */
    private static String taskIdOf(ObjectRef<?> ref) {
        TaskEvent submitted = ((AkkaRayoRuntime) Rayo.runtime()).events().snapshot().stream()
                .filter(e -> e.submission() != null && e.submission().returnIds().contains(ref.id()))
                .findFirst().orElse(null);
        assertNotNull(submitted, "the driver recorded the submission of " + ref.id());
        return submitted.taskId();
    }

    private static String nodeIdOf(NodeProcess node) {
        return node.hostPort();
    }
}
