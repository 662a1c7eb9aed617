package dev.rayo.jmh;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhSuiteTest {
    @Test
    void everyRayoBenchmarkRunsBesideItsJdkBaseline() throws Exception {
        JmhSuite suite = new JmhSuite();
        new CommandLine(suite).parseArgs("--quick");
        List<RatioTable.Score> scores = suite.run();
        assertEquals(List.of(), RatioTable.unpairedBaselines(scores), "every Rayo benchmark ran");
        List<RatioTable.Pair> pairs = RatioTable.pair(scores);
        // Store put and get at two sizes, one serialization round trip, one resource acquire/release, one task
        // event recorded from one thread and from two.
        assertEquals(8, pairs.size(), pairs.toString());
        for (RatioTable.Pair p : pairs) {
            assertNotNull(p.baseline(), p.operation() + " has no jdk_ baseline");
            assertTrue(p.rayo().opsPerSecond() > 0 && p.baseline().opsPerSecond() > 0, p.toString());
            assertFalse(Double.isNaN(p.ratio()), p.toString());
        }
    }

    @Test
    void pairsMatchOnOperationAndParameters() {
        List<RatioTable.Pair> pairs = RatioTable.pair(List.of(
                new RatioTable.Score("Store.rayo_put", "{bytes=1}", 10, 0),
                new RatioTable.Score("Store.jdk_put", "{bytes=2}", 40, 0),
                new RatioTable.Score("Store.jdk_put", "{bytes=1}", 20, 0),
                new RatioTable.Score("Store.rayo_get", "", 5, 0)));
        assertEquals(2, pairs.size());
        assertEquals(List.of(new RatioTable.Score("Store.jdk_put", "{bytes=2}", 40, 0)), RatioTable.unpairedBaselines(List.of(
                new RatioTable.Score("Store.rayo_put", "{bytes=1}", 10, 0),
                new RatioTable.Score("Store.jdk_put", "{bytes=2}", 40, 0),
                new RatioTable.Score("Store.jdk_put", "{bytes=1}", 20, 0))));
        assertEquals(0.5, pairs.get(0).ratio(), 1e-9);
        assertEquals("Store.get", pairs.get(1).operation());
        assertTrue(Double.isNaN(pairs.get(1).ratio()), "no baseline, no ratio");
    }
}
