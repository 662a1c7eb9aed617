package dev.rayo.samples.matmul;

import dev.rayo.api.RayoConfig;
import dev.rayo.samples.common.Progress;
import dev.rayo.testing.Eventually;
import dev.rayo.testing.RayoRuntimeExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matmul experiment on small matrices: right rows, right checksums, a real PNG. */
class MatmulDemoTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final MatmulSettings SMALL = new MatmulSettings(40, 3, 3);

    @RegisterExtension
    static final RayoRuntimeExtension rayo = RayoRuntimeExtension.withConfig(RayoConfig.builder().numCpus(2).build());

    @Test
    void theWorkIsDeterministicPerSeed() {
        assertEquals(MatmulWork.multiply(20, 2, 7), MatmulWork.multiply(20, 2, 7));
        assertNotEquals(MatmulWork.multiply(20, 2, 7), MatmulWork.multiply(20, 2, 8));
    }

    @Test
    void oneRowPerTaskCountWithTheSerialChecksums() {
        Progress progress = Progress.silent(SMALL.totalUnits());
        List<MatmulRow> rows = new MatmulExperiment(SMALL).run(progress);
        assertEquals(List.of(1, 2, 3), rows.stream().map(MatmulRow::tasks).toList());
        for (MatmulRow row : rows) {
            double expected = 0;
            for (int i = 0; i < row.tasks(); i++) {
                expected += MatmulWork.multiply(SMALL.size(), SMALL.repeats(), i);
            }
            assertEquals(expected, row.checksum());
            assertTrue(row.serialSeconds() > 0 && row.rayoSeconds() > 0, row.toString());
        }
        // a Rayo unit is counted by a callback on its ref, which may run just after get() returned
        Eventually.within(Duration.ofSeconds(30)).until(progress::done, done -> done >= SMALL.totalUnits());
        assertEquals(SMALL.totalUnits(), progress.done(), "every unit, serial and Rayo, is counted once");
    }

    @Test
    void theChartIsAPngOfTheRequestedSize(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("charts/no-extension");
        List<MatmulRow> rows = List.of(new MatmulRow(1, 1.0, 1.1, 0), new MatmulRow(2, 2.0, 1.2, 0));
        MatmulChart.write(rows, SMALL, 2, file);
        assertPng(file);
    }

    @Test
    void theCommandPrintsTheTableAndWritesTheChart(@TempDir Path dir) throws IOException {
        Path chart = dir.resolve("matmul.png");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new MatmulDemo());
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("--size", "30", "--repeats", "2", "--max-tasks", "3", "--no-progress",
                "--out", chart.toString());
        assertEquals(0, code);
        List<String> lines = Arrays.asList(out.toString().split("\n"));
        int header = lines.indexOf(lines.stream().filter(l -> l.trim().startsWith("tasks")).findFirst().orElseThrow());
        assertEquals(List.of("tasks", "serial", "s", "rayo", "s", "speed-up"),
                Arrays.asList(lines.get(header).trim().split("\\s+")));
        for (int tasks = 1; tasks <= 3; tasks++) {
            String[] cells = lines.get(header + 1 + tasks).trim().split("\\s+");
            assertEquals(String.valueOf(tasks), cells[0], out.toString());
            assertTrue(cells[3].endsWith("x"), out.toString());
        }
        assertTrue(out.toString().contains("chart: " + chart.toAbsolutePath().normalize()), out.toString());
        assertPng(chart);
    }

    @Test
    void badSizesAreRejectedBeforeAnyWork() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MatmulDemo());
        cli.setErr(new PrintWriter(err, true));
        assertNotEquals(0, cli.execute("--size", "0", "--no-progress"));
    }

    private static void assertPng(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), PNG_SIGNATURE.length);
        assertArrayEquals(PNG_SIGNATURE, head, "not a PNG signature");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "the PNG does not decode");
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
    }
}
