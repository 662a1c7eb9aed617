package dev.rayo.samples.treereduce;

import dev.rayo.api.RayoConfig;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both reductions give the right sum with the seed's shapes (7 adds; depth 7 against 3). */
class TreeReduceTest {
    private static final List<Integer> EIGHT = List.of(1, 2, 3, 4, 5, 6, 7, 8);

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(4).build());

    @Test
    void linearChainsEveryAdd() {
        Reduction r = new TreeReduce(50).linear(EIGHT);
        assertEquals(new Reduction(36, 7, 7, r.seconds()), r);
    }

    @Test
    void treeHalvesTheValuesEachLevel() {
        Reduction r = new TreeReduce(50).tree(EIGHT);
        assertEquals(new Reduction(36, 7, 3, r.seconds()), r);
        Reduction odd = new TreeReduce(0).tree(List.of(1, 2, 3, 4, 5));
        assertEquals(15, odd.sum());
        assertEquals(4, odd.adds());
        assertEquals(3, odd.depth());
    }

    @Test
    void aSingleValueNeedsNoAdd() {
        Reduction tree = new TreeReduce(50).tree(List.of(9));
        assertEquals(new Reduction(9, 0, 0, tree.seconds()), tree);
        Reduction linear = new TreeReduce(50).linear(List.of(9));
        assertEquals(new Reduction(9, 0, 0, linear.seconds()), linear);
    }

    @Test
    void theCommandPrintsOneRowPerShape() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TreeReduceDemo());
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("--add-millis", "50"));
        String text = out.toString();
        assertTrue(text.contains("sum of 1..8, each add sleeps 50 ms"), text);
        assertTrue(text.matches("(?s).*\\n\\s*linear\\s+36\\s+7\\s+7\\s+\\d+\\.\\d\\d\\n.*"), text);
        assertTrue(text.matches("(?s).*\\n\\s*tree\\s+36\\s+7\\s+3\\s+\\d+\\.\\d\\d\\n.*"), text);
    }
}
