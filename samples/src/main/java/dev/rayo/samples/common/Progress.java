package dev.rayo.samples.common;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Counts finished units of work and shows a console progress bar only once the run has
 * lasted longer than a threshold: short runs stay quiet, long ones show they are alive.
 * Safe to step from any thread (Rayo completes futures on its own threads).
 */
public final class Progress implements AutoCloseable {
    private final String name;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long done;
    private ProgressBar bar;
    private boolean closed;

    private Progress(String name, long total) {
        this.name = name;
        this.total = total;
    }

    /**
     * Starts counting; the bar (on standard error) appears after {@code showAfter} unless the
     * work has finished by then.
     */
    public static Progress start(String name, long total, Duration showAfter) {
        Progress progress = new Progress(name, total);
        CompletableFuture.runAsync(progress::show,
                CompletableFuture.delayedExecutor(showAfter.toMillis(), TimeUnit.MILLISECONDS));
        return progress;
    }

    /** A progress counter that never draws anything, for tests and embedding. */
    public static Progress silent(long total) {
        Progress progress = new Progress("", total);
        progress.closed = true;
        return progress;
    }

    /** Records one more finished unit. */
    public synchronized void step() {
        done++;
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /** Units finished so far. */
    public synchronized long done() {
        return done;
    }

    private synchronized void show() {
        if (closed || done >= total) {
            return;
        }
        bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                // Redraw less often when the output is a pipe or a log file rather than a terminal.
                .setUpdateIntervalMillis(System.console() == null ? 2_000 : 250)
                .continuousUpdate()
                .startsFrom(done, Duration.ofNanos(System.nanoTime() - startNanos))
                .build();
    }

    /** Removes the bar (if shown) so the report that follows starts on a clean line. */
    @Override
    public synchronized void close() {
        closed = true;
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
