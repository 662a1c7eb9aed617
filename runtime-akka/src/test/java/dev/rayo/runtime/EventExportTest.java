package dev.rayo.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rayo.api.ObjectRef;
import dev.rayo.api.Rayo;
import dev.rayo.api.RayoConfig;
import dev.rayo.api.exception.RayoConfigException;
import dev.rayo.runtime.config.JournalDatabase;
import dev.rayo.runtime.events.EventExporter;
import dev.rayo.runtime.events.ExportedEvents;
import dev.rayo.runtime.events.TaskEvent;
import dev.rayo.runtime.state.TaskHistory;
import dev.rayo.runtime.state.TaskRow;
import dev.rayo.testing.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rayo.events.export} on a one-node cluster: with {@code jdbc} the node's task events land in the H2
 * journal file and read back after the node is gone; a journal database that can't be reached leaves the node
 * running tasks and is reported once; a bad value stops the start with a message naming the key.
 */
class EventExportTest {
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        Rayo.shutdown();
    }

    private static List<Integer> runSquares(int n) {
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            refs.add(Rayo.task(Fns::square, i).remote());
        }
        return Rayo.get(refs);
    }

    @Test
    void theHistoryOfTheTasksOutlivesTheNodeInTheH2JournalWrittenWhenTheNodeStops() {
        Path journal = dir.resolve("journal");
        Rayo.init(RayoConfig.builder().numCpus(2)
                .set("rayo.persistence.h2-file", journal.toString())
                .set("rayo.events.export", "jdbc")
                .set("rayo.events.export-interval", "1h").build()); // so only the flush at shutdown writes
        AkkaRayoRuntime rt = (AkkaRayoRuntime) Rayo.runtime();
        String nodeId = rt.nodeId();
        assertEquals(2470, runSquares(20).stream().mapToInt(Integer::intValue).sum(), "0² + 1² + ... + 19²");
        EventExporter exporter = rt.eventExporter();
        assertEquals(0, exporter.exported(), "nothing written before the node stops");
        Rayo.shutdown(); // writes everything, in the flush at shutdown

        List<TaskEvent> events = new ExportedEvents(new JournalDatabase("test", JournalDatabase.h2Url(journal), "sa", "",
                "org.h2.Driver"), Duration.ofSeconds(30)).all();
        Map<String, TaskHistory> histories = TaskHistory.fold(events);
        assertEquals(20, histories.size(), "every task: " + histories.keySet());
        for (TaskHistory h : histories.values()) {
            TaskRow row = h.row();
            assertEquals("FINISHED", row.state(), row.toString());
            assertEquals(nodeId, row.node());
            assertEquals(nodeId, row.owner());
            assertTrue(h.name().endsWith("square"), h.name());
            assertEquals(1, h.attemptRows().size());
        }
        assertEquals(events.size(), exporter.exported());
        assertEquals(0, exporter.dropped());
    }

    @Test
    void anUnreachableJournalDatabaseIsReportedOnceAndTasksRunOn() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(EventExporter.class);
        logged.start();
        logger.addAppender(logged);
        try {
            Rayo.init(RayoConfig.builder().numCpus(2)
                    .set("rayo.persistence.journal", "jdbc")
                    .set("akka-persistence-jdbc.shared-databases.slick.profile", "slick.jdbc.PostgresProfile$")
                    .set("akka-persistence-jdbc.shared-databases.slick.db.driver", "org.postgresql.Driver")
                    .set("akka-persistence-jdbc.shared-databases.slick.db.url", "jdbc:postgresql://127.0.0.1:" + port + "/rayo")
                    .set("akka-persistence-jdbc.shared-databases.slick.db.user", "rayo")
                    .set("akka-persistence-jdbc.shared-databases.slick.db.password", "secret")
                    .set("rayo.events.export", "jdbc")
                    .set("rayo.events.export-interval", "50ms").build());
            EventExporter exporter = ((AkkaRayoRuntime) Rayo.runtime()).eventExporter();
            for (int round = 0; round < 3; round++) {
                assertEquals(List.of(0, 1, 4, 9, 16), runSquares(5), "the node runs tasks");
                long failed = exporter.failedWrites();
                Eventually.within(Duration.ofSeconds(30)).every(Duration.ofMillis(20))
                        .describedAs("the exporter tried again").until(() -> exporter.failedWrites() > failed);
            }
            assertTrue(exporter.failing());
            List<String> warnings = logged.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(1, warnings.size(), "one warning for the whole outage: " + warnings);
            assertTrue(warnings.get(0).contains("rayo_task_events at jdbc:postgresql://127.0.0.1:" + port + "/rayo"),
                    warnings.get(0));
            assertTrue(!warnings.get(0).contains("secret"), "no password in the log");
            assertEquals(List.of(0, 1, 4, 9, 16), runSquares(5), "still serving");
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void aBadExportSettingStopsTheStartNamingTheKey() {
        RayoConfigException bad = assertThrows(RayoConfigException.class, () -> Rayo.init(RayoConfig.builder()
                .set("rayo.events.export", "nonsense").build()));
        assertEquals("rayo.events.export must be \"none\" or \"jdbc\", was \"nonsense\"", bad.getMessage());
        RayoConfigException interval = assertThrows(RayoConfigException.class, () -> Rayo.init(RayoConfig.builder()
                .set("rayo.events.export", "jdbc").set("rayo.events.export-interval", "0s").build()));
        assertTrue(interval.getMessage().startsWith("rayo.events.export-interval must be a duration > 0"),
                interval.getMessage());
        RayoConfigException batch = assertThrows(RayoConfigException.class, () -> Rayo.init(RayoConfig.builder()
                .set("rayo.events.export-batch-size", "many").build()));
        assertTrue(batch.getMessage().contains("rayo.events.export-batch-size"), batch.getMessage());

        Rayo.init(RayoConfig.builder().numCpus(1).build());
        assertEquals(List.of(0, 1, 4), runSquares(3), "a node starts and serves after the refused starts");
        assertNull(((AkkaRayoRuntime) Rayo.runtime()).eventExporter(), "no export by default");
    }
}
