package io.edgebench.bench;

import io.edgebench.results.Phase;
import io.edgebench.worker.BenchListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar for the terminal (stderr): phases as they start, then the timed runs, drawn only once the
 * timed loop has lasted {@value #SHOW_AFTER_S} s so short runs stay quiet.
 */
public final class ProgressBar implements BenchListener {
    static final double SHOW_AFTER_S = 2.0;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private long runStartNs;
    private boolean drawn;

    public ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void onPhase(Phase phase) {
        if (phase == Phase.RUN) {
            runStartNs = System.nanoTime();
        }
        if (phase == Phase.DONE && drawn) {
            err.print("\r" + " ".repeat(WIDTH + 50) + "\r");
            err.flush();
            drawn = false;
        }
    }

    @Override
    public synchronized void onRuns(long runsDone, long runsTarget, double etaSeconds) {
        double elapsed = (System.nanoTime() - runStartNs) / 1e9;
        if (elapsed < SHOW_AFTER_S) {
            return;
        }
        double total = elapsed + Math.max(0, etaSeconds);
        double fraction = etaSeconds < 0 ? 0 : Math.min(1, elapsed / total);
        int filled = (int) Math.round(fraction * WIDTH);
        err.print(String.format(
                Locale.ROOT,
                "\r[%s%s] %3.0f%%  %d runs  %.0f s left ",
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                fraction * 100,
                runsDone,
                Math.max(0, etaSeconds)));
        err.flush();
        drawn = true;
    }
}
