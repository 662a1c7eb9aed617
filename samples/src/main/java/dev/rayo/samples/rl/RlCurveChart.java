package dev.rayo.samples.rl;

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
 * Draws a learning curve as a PNG: the mean episode return of each iteration (exploring) and of the greedy
 * evaluations against the timesteps sampled so far, with the target (for the greedy evaluation) as a line, the
 * picture RLlib's tuned examples are judged by.
 */
public final class RlCurveChart {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private RlCurveChart() {
    }

    /** Writes the chart to exactly {@code file} (parent folders are created), headless. */
    public static void write(String title, List<RlRow> rows, double target, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("timesteps sampled").yAxisTitle("episode return (mean)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(520.0);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        List<RlRow> finite = rows.stream().filter(r -> !Double.isNaN(r.returnMean())).toList();
        if (!finite.isEmpty()) {
            chart.addSeries("return mean", finite.stream().mapToDouble(RlRow::timesteps).toArray(),
                    finite.stream().mapToDouble(RlRow::returnMean).toArray()).setMarker(SeriesMarkers.CIRCLE);
            List<RlRow> evaluated = rows.stream().filter(r -> !Double.isNaN(r.evaluation())).toList();
            if (!evaluated.isEmpty()) {
                chart.addSeries("greedy evaluation", evaluated.stream().mapToDouble(RlRow::timesteps).toArray(),
                        evaluated.stream().mapToDouble(RlRow::evaluation).toArray()).setMarker(SeriesMarkers.DIAMOND);
            }
            double last = Math.max(1, rows.get(rows.size() - 1).timesteps());
            chart.addSeries("target " + (int) target + " (greedy evaluation)", new double[] {0, last},
                    new double[] {target, target}).setMarker(SeriesMarkers.NONE);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
