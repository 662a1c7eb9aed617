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
