package dev.rayo.runtime.events;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exporter's bookkeeping, against a sink in memory: batches of at most the batch size, each event once and
 * in order, events the ring overwrote before export counted as dropped, a failing sink logged once per outage
 * and retried without losing its place, the last events flushed at close, and a close that can't finish bounded.
 */
class EventExporterTest {
    private static final ExportSettings SETTINGS = new ExportSettings(Duration.ofMillis(50), 3, Duration.ofSeconds(2));

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(EventExporter.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
        logger.setLevel(null);
    }

    /** A sink that keeps what it gets, and fails while {@code down} is set. */
    static class ListSink implements EventSink {
        final List<List<TaskEvent>> batches = new ArrayList<>();
        volatile boolean down;
        int attempts;
        int closes;

        @Override
        public synchronized void write(List<TaskEvent> batch) throws SQLException {
            attempts++;
            if (down) {
                throw new SQLException("Connection refused");
            }
            batches.add(List.copyOf(batch));
        }

        synchronized List<String> ids() {
            return batches.stream().flatMap(List::stream).map(TaskEvent::taskId).toList();
        }

        @Override
        public String describe() {
            return "the test's list";
        }

        @Override
        public void close() {
            closes++;
        }
    }

    private static void record(TaskEventLog log, int from, int to) {
        for (int i = from; i < to; i++) {
            log.state("t" + i, "f", 0, TaskState.FINISHED, "n:1", "");
        }
    }

    private static List<String> ids(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("t" + i);
        }
        return out;
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void writesEachEventOnceInBatchesOfAtMostTheBatchSize() {
        TaskEventLog log = new TaskEventLog(100);
        ListSink sink = new ListSink();
        EventExporter exporter = EventExporter.manual(log, sink, SETTINGS);
        record(log, 0, 7);
        assertTrue(exporter.exportUpTo(log.totalRecorded()));
        assertEquals(List.of(3, 3, 1), sink.batches.stream().map(List::size).toList());
        record(log, 7, 9);
        assertTrue(exporter.exportUpTo(log.totalRecorded()));
        assertEquals(ids(0, 9), sink.ids(), "each event once, in the order recorded");
        assertEquals(9, exporter.exported());
        assertEquals(0, exporter.dropped());
    }

    @Test
    void aTickExportsOnlyWhatWasRecordedBeforeThePreviousTick() {
        TaskEventLog log = new TaskEventLog(100);
        ListSink sink = new ListSink();
        EventExporter exporter = EventExporter.manual(log, sink, SETTINGS);
        record(log, 0, 4);
        exporter.tick();
        assertEquals(List.of(), sink.ids(), "slots claimed since the last tick may still be being written");
        record(log, 4, 5);
        exporter.tick();
        assertEquals(ids(0, 4), sink.ids());
        exporter.tick();
        assertEquals(ids(0, 5), sink.ids());
    }

    @Test
    void eventsOverwrittenBeforeExportAreCountedAsDropped() {
        TaskEventLog log = new TaskEventLog(10);
        ListSink sink = new ListSink();
        EventExporter exporter = EventExporter.manual(log, sink, SETTINGS);
        record(log, 0, 25);
        assertEquals(15, exporter.dropped(), "already lost while waiting");
        assertTrue(exporter.exportUpTo(log.totalRecorded()));
        assertEquals(ids(15, 25), sink.ids(), "the ten the ring still held");
        assertEquals(15, exporter.dropped());
        assertEquals(10, exporter.exported());
        record(log, 25, 30);
        assertTrue(exporter.exportUpTo(log.totalRecorded()));
        assertEquals(ids(15, 30), sink.ids());
        assertEquals(15, exporter.dropped(), "nothing new lost");
    }

    @Test
    void aFailingSinkIsLoggedOncePerOutageAndRetriedFromWhereItWas() {
        TaskEventLog log = new TaskEventLog(10);
        ListSink sink = new ListSink();
        EventExporter exporter = EventExporter.manual(log, sink, SETTINGS);
        record(log, 0, 4);
        assertTrue(exporter.exportUpTo(log.totalRecorded()));
        sink.down = true;
        record(log, 4, 8);
        for (int i = 0; i < 5; i++) {
            assertFalse(exporter.exportUpTo(log.totalRecorded()));
        }
        assertTrue(exporter.failing());
        assertEquals(5, sink.attempts - 2, "retried every time");
        List<String> warnings = warnings();
        assertEquals(1, warnings.size(), "one warning per outage: " + warnings);
        assertTrue(warnings.get(0).contains("Connection refused") && warnings.get(0).contains("the test's list"),
                warnings.get(0));
        record(log, 8, 16); // the ring (10) now lost events 4 and 5, never written
        assertEquals(2, exporter.dropped());
        sink.down = false;
        assertTrue(exporter.exportUpTo(log.totalRecorded()));
        assertFalse(exporter.failing());
        assertEquals(ids(0, 4).size() + 10, sink.ids().size());
        assertEquals(ids(6, 16), sink.ids().subList(4, 14));
        assertEquals(2, exporter.dropped());
        assertTrue(logged.list.stream().anyMatch(e -> e.getLevel() == Level.INFO
                && e.getFormattedMessage().contains("again")), "the end of the outage is logged");
        sink.down = true;
        record(log, 16, 17);
        assertFalse(exporter.exportUpTo(log.totalRecorded()));
        assertEquals(2, warnings().size(), "a new outage, a new warning");
    }

    @Test
    void closeWritesWhatIsLeftAndReleasesTheSink() {
        TaskEventLog log = new TaskEventLog(100);
        ListSink sink = new ListSink();
        EventExporter exporter = EventExporter.start(log, sink,
                new ExportSettings(Duration.ofHours(1), 1000, Duration.ofSeconds(30)));
        record(log, 0, 42);
        exporter.close();
        assertEquals(ids(0, 42), sink.ids(), "the last tick's events too");
        assertEquals(1, sink.closes);
        exporter.close();
        assertEquals(1, sink.closes, "idempotent");
    }

    @Test
    void closeGivesUpAfterTheTimeoutAndCountsWhatWasLeft() throws Exception {
        TaskEventLog log = new TaskEventLog(100);
        CountDownLatch stuck = new CountDownLatch(1);
        EventSink hanging = new ListSink() {
            @Override
            public synchronized void write(List<TaskEvent> batch) {
                // A database that never answers, in a driver that ignores interrupts (as socket reads do).
                boolean interrupted = false;
                while (stuck.getCount() > 0) {
                    try {
                        stuck.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        EventExporter exporter = EventExporter.start(log, hanging,
                new ExportSettings(Duration.ofHours(1), 1000, Duration.ofMillis(300)));
        record(log, 0, 5);
        long start = System.nanoTime();
        exporter.close();
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "close is bounded");
        assertEquals(0, exporter.exported());
        assertEquals(5, exporter.dropped());
        assertTrue(warnings().stream().anyMatch(w -> w.contains("gave up")), warnings().toString());
        stuck.countDown();
    }

    @Test
    void recordingNeverWaitsForAFailingExport() throws Exception {
        TaskEventLog log = new TaskEventLog(1000);
        ListSink sink = new ListSink();
        sink.down = true;
        EventExporter exporter = EventExporter.start(log, sink, new ExportSettings(Duration.ofMillis(1), 10, Duration.ofSeconds(5)));
        try {
            record(log, 0, 50_000); // the exporter's thread fails every millisecond meanwhile
            assertEquals(50_000, log.totalRecorded());
            dev.rayo.testing.Eventually.within(Duration.ofSeconds(20)).every(Duration.ofMillis(10))
                    .describedAs("the exporter tried").until(() -> sink.attempts > 0);
            assertEquals(1, warnings().size(), warnings().toString());
        } finally {
            exporter.close();
        }
        assertEquals(50_000, exporter.dropped(), "nothing written, all counted");
    }
}
