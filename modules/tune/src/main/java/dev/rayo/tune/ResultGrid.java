package dev.rayo.tune;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every trial's {@link Result}, in trial (creation) order, as {@code Tuner.fit()} returns them, with the queries
 * a search ends with: the best trial, the failed ones, a CSV for spreadsheets and a plot of a metric.
 */
public final class ResultGrid {
    private final List<Result> results;
    private final String metric;
    private final Mode mode;
    private final Path experimentPath;

    ResultGrid(List<Result> results, String metric, Mode mode, Path experimentPath) {
        this.results = List.copyOf(results);
        this.metric = metric;
        this.mode = mode;
        this.experimentPath = experimentPath;
    }

    /** How many trials. */
    public int size() {
        return results.size();
    }

    /** The {@code i}-th trial's result, in creation order. */
    public Result get(int i) {
        return results.get(i);
    }

    /** Every result, in creation order. */
    public List<Result> results() {
        return results;
    }

    /**
     * The best trial by the tuner's metric and mode, comparing each trial's last result.
     *
     * @throws IllegalStateException when the tuner had no metric, or no trial reported it
     */
    public Result getBestResult() {
        if (metric == null) {
            throw new IllegalStateException("the tuner has no metric: call getBestResult(metric, mode)");
        }
        return getBestResult(metric, mode);
    }

    /**
     * The best trial by {@code metric} and {@code mode}, comparing each trial's last result.
     *
     * @throws IllegalStateException when no trial reported {@code metric}
     */
    public Result getBestResult(String metric, Mode mode) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(mode, "mode");
        Comparator<Result> byMetric = Comparator.comparingDouble(r -> mode.signed(r.metric(metric).orElseThrow()));
        return results.stream().filter(r -> r.metric(metric).isPresent()).max(byMetric)
                .orElseThrow(() -> new IllegalStateException("no trial reported metric '" + metric + "'"));
    }

    /** The trials that ended {@link TrialStatus#ERROR}. */
    public List<Result> errors() {
        return results.stream().filter(r -> r.status() == TrialStatus.ERROR).toList();
    }

    /** Where the experiment was stored; empty without {@code storagePath}. */
    public Optional<Path> experimentPath() {
        return Optional.ofNullable(experimentPath);
    }

    /**
     * Writes one row per trial: {@code trial_id}, {@code status}, the config columns, then the last metrics
     * (columns are the union over trials; a missing value is an empty cell).
     */
    public Path writeCsv(Path file) {
        Set<String> configCols = new LinkedHashSet<>();
        Set<String> metricCols = new LinkedHashSet<>();
        for (Result r : results) {
            configCols.addAll(r.config().keySet());
            metricCols.addAll(r.metrics().keySet());
        }
        metricCols.remove("trial_id");
        try {
            createParent(file);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                List<String> header = new ArrayList<>(List.of("trial_id", "status"));
                configCols.forEach(c -> header.add("config/" + c));
                header.addAll(metricCols);
                w.write(row(header));
                for (Result r : results) {
                    List<String> cells = new ArrayList<>(List.of(r.trialId(), r.status().name()));
                    configCols.forEach(c -> cells.add(cell(r.config().get(c))));
                    metricCols.forEach(c -> cells.add(cell(r.metrics().get(c))));
                    w.write(row(cells));
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Draws every trial's {@code metric} against {@code training_iteration} into a PNG, one line per trial: the
     * picture of how a scheduler cut the search short.
     */
    public Path plot(Path png, String metric) {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(metric + " per trial")
                .xAxisTitle("training_iteration").yAxisTitle(metric).build();
        // Small markers, so a trial cut at its first rung (a single point) still shows.
        chart.getStyler().setMarkerSize(4);
        for (Result r : results) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Map<String, Object> m : r.metricsHistory()) {
                if (m.get(metric) instanceof Number y && m.get("training_iteration") instanceof Number x) {
                    xs.add(x.doubleValue());
                    ys.add(y.doubleValue());
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(r.trialId(), xs, ys);
            }
        }
        try {
            createParent(png);
            try (OutputStream out = Files.newOutputStream(png)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = String.valueOf(v);
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static String row(List<String> cells) {
        return String.join(",", cells.stream().map(c -> c.startsWith("\"") ? c : cell(c)).toList()) + "\n";
    }
}
