package dev.rayo.bench;

import dev.rayo.api.Rayo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness end to end on two cheap metrics with a tiny duration: the table and the JSON name the
 * metrics and carry a baseline and a ratio. Behaviour only: no figure is compared with a threshold.
 */
class BenchTest {
    private static final List<String> METRICS = List.of("single_client_put_calls", "single_client_tasks_async");

    @AfterAll
    static void stopRayo() {
        Rayo.shutdown();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tableAndJsonCarryEachMetricWithBaselineAndRatio(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Bench.run(new String[] {"--filter", String.join(",", METRICS), "--duration", "0.2",
                "--rounds", "2", "--warmup", "1", "--json", json.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, table + "\n" + err.toString(StandardCharsets.UTF_8));
        assertFalse(Rayo.isInitialized(), "the bench shuts down the cluster it started");

        assertTrue(table.contains("Rayo/baseline"), table);
        for (String name : METRICS) {
            String row = table.lines().filter(l -> l.startsWith("| " + name + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + name + " in\n" + table));
            String[] cells = row.split("\\|");
            // cells[0] is empty (leading pipe): 1 metric, 2 unit, 3 Rayo median, ..., 7 baseline median, 9 ratio.
            assertTrue(cells[3].strip().matches("[0-9,.]+"), "Rayo figure in " + row);
            assertTrue(cells[7].strip().matches("[0-9,.]+"), "baseline figure in " + row);
            assertTrue(cells[9].strip().matches("[0-9.]+"), "ratio in " + row);
        }
        assertFalse(table.contains("| single_client_tasks_sync"), "the filter selects by name");
        assertFalse(table.contains("peer"), "without --peer the table has no peer columns");

        String text = Files.readString(json);
        for (String name : METRICS) {
            int at = text.indexOf("\"" + name + "\": {");
            assertTrue(at >= 0, name + " in " + text);
            String entry = text.substring(at);
            assertTrue(number(entry, "\"baseline\": \\{\\s*\"description\": \"[^\"]+\",\\s*\"median\": ") > 0, entry);
            assertTrue(number(entry, "\"ratio\": ") > 0, entry);
            assertTrue(number(entry, "\"ray_published\": ") > 0, entry);
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void peerSideIsMeasuredInTheSameRunBesideRayo(@TempDir Path dir) throws Exception {
        List<String> metrics = List.of("single_client_tasks_sync", "1_1_actor_calls_async", "cross_node_tasks_async");
        Path json = dir.resolve("bench.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Bench.run(new String[] {"--filter", String.join(",", metrics), "--peer", "hazelcast",
                "--duration", "0.2", "--rounds", "1", "--warmup", "0", "--json", json.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, table + "\n" + err.toString(StandardCharsets.UTF_8));
        assertTrue(com.hazelcast.core.Hazelcast.getAllHazelcastInstances().isEmpty(), "the peer's members are shut down");

        assertTrue(table.contains("| peer median ") && table.contains("| Rayo/peer "), table);
        assertTrue(table.contains("Rayo/peer = Rayo speed / Hazelcast 5.5"), table);
        for (String name : metrics) {
            String row = table.lines().filter(l -> l.startsWith("| " + name + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + name + " in\n" + table));
            String[] cells = row.split("\\|");
            // With a peer: 10 peer median, 11 peer min–max, 12 peer p50, 13 peer p99, 14 Rayo/peer, 15 Ray published.
            assertTrue(cells[3].strip().matches("[0-9,.]+"), "Rayo figure in " + row);
            assertTrue(cells[10].strip().matches("[0-9,.]+"), "peer figure in " + row);
            assertTrue(cells[14].strip().matches("[0-9.]+"), "Rayo/peer ratio in " + row);
        }
        String sync = table.lines().filter(l -> l.startsWith("| single_client_tasks_sync ")).findFirst().orElseThrow();
        assertTrue(sync.split("\\|")[12].strip().matches("[0-9,.]+"), "the peer's p50 of the sync metric in " + sync);
        assertTrue(table.contains("peer = Hazelcast"), "the footnotes say what the peer does:\n" + table);

        String text = Files.readString(json);
        assertTrue(text.contains("\"peer\": \"hazelcast\""), text);
        for (String name : metrics) {
            int at = text.indexOf("\"" + name + "\": {");
            assertTrue(at >= 0, name + " in " + text);
            String entry = text.substring(at);
            assertTrue(number(entry, "\"peer\": \\{\\s*\"name\": \"hazelcast\",\\s*\"description\": \"[^\"]+\",\\s*\"median\": ") > 0, entry);
            assertTrue(number(entry, "\"peer_ratio\": ") > 0, entry);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void peerIsNotStartedWhenNoSelectedMetricHasAPeerSide() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Bench.run(new String[] {"--filter", "single_client_put_calls", "--peer", "hazelcast",
                "--duration", "0.1", "--rounds", "1", "--warmup", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String progress = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, progress);
        assertTrue(progress.contains("no selected metric has a hazelcast side"), progress);
        assertFalse(progress.contains("starting Hazelcast"), progress);
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("Rayo/peer"), "no peer columns when no peer ran");
    }

    @Test
    void unknownPeerIsAUsageErrorNamingTheKnownPeers() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Bench.run(new String[] {"--filter", "tasks", "--peer", "nosuch"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("unknown peer 'nosuch'") && message.contains("hazelcast"), message);
    }

    @Test
    void unknownFilterIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Bench.run(new String[] {"--filter", "no_such_metric"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("single_client_tasks_sync"), "lists the metric names");
    }

    @Test
    void everyBenchmarksMdMetricIsInTheSuiteUnderItsName() {
        assertEquals(List.of("single_client_tasks_sync", "single_client_tasks_async", "multi_client_tasks_async",
                "1_1_actor_calls_sync", "1_1_actor_calls_async", "n_n_actor_calls_async", "single_client_put_calls",
                "single_client_get_calls", "single_client_put_gigabytes", "single_client_get_large_zero_copy",
                "single_client_wait_1k_refs", "single_client_get_object_containing_10k_refs", "cross_node_tasks_async",
                "cross_node_transfer_gigabytes"), Suite.all().stream().map(Metric::name).toList());
    }

    /** The first number after {@code prefix} (a regex) in {@code text}, or -1. */
    private static double number(String text, String prefix) {
        Matcher m = Pattern.compile(prefix + "([0-9.eE+-]+)").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
