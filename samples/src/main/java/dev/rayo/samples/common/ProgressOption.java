package dev.rayo.samples.common;

import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The {@code --no-progress} flag of the samples with long runs (a picocli mixin), and the one
 * place that decides when their progress bar appears.
 */
public final class ProgressOption {
    /** Runs longer than this show a progress bar. */
    public static final Duration SHOW_AFTER = Duration.ofSeconds(3);

    @Option(names = "--no-progress", description = "Never show the progress bar.")
    boolean noProgress;

    /** Counts {@code total} units: a bar after {@link #SHOW_AFTER}, or nothing with {@code --no-progress}. */
    public Progress start(String name, long total) {
        return noProgress ? Progress.silent(total) : Progress.start(name, total, SHOW_AFTER);
    }
}
