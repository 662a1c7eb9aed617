package dev.rayo.runtime.state;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChromeTraceTest {
    private static final Pattern TASK_EVENT = Pattern.compile(
            "\\{\"name\":\"(f\\d)\",\"cat\":\"task\",\"ph\":\"X\",\"ts\":(\\d+),\"dur\":(\\d+),\"pid\":(\\d+),\"tid\":(\\d+)");

    private static ChromeTrace.Traced attempt(String name, String node, String worker, long start, long end) {
        return new ChromeTrace.Traced("id-" + name, name, new AttemptRow(0, node, worker, "", "FINISHED", start,
                start + 1, end - 1, end, ""));
    }

    @Test
    void attemptsThatOverlapOnOneThreadGoOnTracksOfTheirOwn() {
        // An async actor call stores its outputs after its thread moved on to the next call.
        String trace = ChromeTrace.write(List.of(attempt("f1", "n:1", "rayo-actor-A", 100, 300),
                attempt("f2", "n:1", "rayo-actor-A", 200, 250), attempt("f3", "n:1", "rayo-actor-A", 300, 400)), List.of("n:1"));
        Matcher m = TASK_EVENT.matcher(trace);
        java.util.Map<String, String> tids = new java.util.HashMap<>();
        while (m.find()) {
            tids.put(m.group(1), m.group(5));
        }
        assertEquals(3, tids.size(), trace);
        assertNotEquals(tids.get("f1"), tids.get("f2"), "f2 overlaps f1: " + trace);
        assertEquals(tids.get("f1"), tids.get("f3"), "f3 starts as f1 ends: " + trace);
        assertTrue(trace.contains("\"args\":{\"name\":\"rayo-actor-A #2\"}"), trace);
    }

    @Test
    void everyNodeGetsItsNamedProcessAndIncompleteAttemptsAreLeftOut() {
        AttemptRow noStart = new AttemptRow(0, "n:2", "w", "", "FINISHED", 0, 0, 0, 50, "");
        String trace = ChromeTrace.write(List.of(attempt("f1", "n:2", "w", 10, 20),
                new ChromeTrace.Traced("id-x", "fx", noStart)), List.of("n:1", "n:2"));
        assertTrue(trace.contains("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"Node n:1\"}}"), trace);
        assertTrue(trace.contains("{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":2,\"tid\":0,\"args\":{\"name\":\"Node n:2\"}}"), trace);
        Matcher m = TASK_EVENT.matcher(trace);
        assertTrue(m.find(), trace);
        assertEquals("2", m.group(4), "f1 ran on n:2: " + trace);
        assertFalse(trace.contains("\"fx\""), trace);
        assertEquals(4, trace.split("\"ph\":\"X\"", -1).length - 1, "the attempt and its three phases: " + trace);
    }
}
