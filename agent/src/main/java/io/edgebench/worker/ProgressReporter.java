package io.edgebench.worker;

import io.edgebench.results.BenchParams;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends progress during the timed loop from its own thread, every {@value #INTERVAL_MS} ms, so the loop itself only
 * stores a counter and never writes to a pipe.
 */
final class ProgressReporter {
    static final long INTERVAL_MS = 250;

    private final AtomicLong runsDone;
    private final BenchParams params;
    private final Consumer<WorkerMessage> sink;
    private Thread thread;
    private volatile boolean running;

    ProgressReporter(AtomicLong runsDone, BenchParams params, Consumer<WorkerMessage> sink) {
        this.runsDone = runsDone;
        this.params = params;
        this.sink = sink;
    }

    void start() {
        running = true;
        long startNs = System.nanoTime();
        thread = new Thread(
                () -> {
                    while (running) {
                        try {
                            Thread.sleep(INTERVAL_MS);
                        } catch (InterruptedException e) {
                            return;
                        }
                        long done = runsDone.getAcquire();
                        double elapsedS = (System.nanoTime() - startNs) / 1e9;
                        sink.accept(WorkerMessage.progress(done, params.runs(), eta(done, elapsedS, params)));
                    }
                },
                "edgebench-progress");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Seconds left: the later of the run count and min_seconds, never past max_seconds; -1 before any run. */
    static double eta(long done, double elapsedS, BenchParams p) {
        if (done <= 0) {
            return -1;
        }
        double byRuns = Math.max(0, p.runs() - done) * elapsedS / done;
        double byMin = p.minSeconds() - elapsedS;
        return Math.max(0, Math.min(Math.max(byRuns, byMin), p.maxSeconds() - elapsedS));
    }
}
