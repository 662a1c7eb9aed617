package dev.rayo.samples.matmul;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws the matmul comparison as a PNG: wall time against task count, one curve for the
 * serial loop and one for Rayo, the picture the seed experiment shows.
 */
public final class MatmulChart {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private MatmulChart() {
    }

    /**
     * Writes the chart to exactly {@code file} (parent folders are created), with no window:
     * the samples run on servers and in CI, so AWT is forced headless.
     */
    public static void write(List<MatmulRow> rows, MatmulSettings settings, double cpus, Path file)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = build(rows, settings, cpus);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // The OutputStream overload: the file-name one would append ".png" to names without it.
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static XYChart build(List<MatmulRow> rows, MatmulSettings settings, double cpus) {
        String cpuNote = Double.isNaN(cpus) ? "" : String.format(", %.0f CPUs", cpus);
        XYChart chart = new XYChartBuilder()
                .width(WIDTH).height(HEIGHT)
                .title(String.format("matmul: %d×%d matrix, %d multiplications per task, serial vs Rayo%s",
                        settings.size(), settings.size(), settings.repeats(), cpuNote))
                .xAxisTitle("tasks")
                .yAxisTitle("wall time (s)")
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0");
        double[] tasks = rows.stream().mapToDouble(MatmulRow::tasks).toArray();
        chart.addSeries("serial (one thread)", tasks, rows.stream().mapToDouble(MatmulRow::serialSeconds).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("Rayo tasks", tasks, rows.stream().mapToDouble(MatmulRow::rayoSeconds).toArray())
                .setMarker(SeriesMarkers.SQUARE);
        return chart;
    }
}
