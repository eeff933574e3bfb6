package io.edgebench.telemetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one telemetry thread: reads every collector at the configured rate (each at most at its own
 * {@link Collector#maxRateHz()}), stamping each read with the midpoint of System.nanoTime() around it. A collector
 * that keeps failing, or whose reads keep taking longer than the read budget, is disabled and reported; the
 * others go on.
 */
public final class Sampler implements AutoCloseable {
    static final int MAX_CONSECUTIVE_FAILURES = 10;
    static final long SLOW_READ_NANOS = 250_000_000L;
    static final int MAX_SLOW_READS = 3;

    private final List<Collector> collectors;
    private final List<Series> series = new ArrayList<>();
    private final long periodNanos;
    private final long[] minGapNanos;
    private final long[] nextDue;
    private final int[] consecutiveFailures;
    private final int[] slowReads;
    private final long[] failures;
    private final String[] lastError;
    private final boolean[] disabled;
    private volatile boolean running;
    private Thread thread;
    private boolean stopped;
    private long ticks;
    private volatile long cpuNanos = -1;
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> requests =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * @param maxSamplesPerSeries bound on memory per collector (see {@link Series})
     */
    public Sampler(List<Collector> collectors, double sampleHz, int maxSamplesPerSeries) {
        if (!(sampleHz > 0 && sampleHz <= 1000)) {
            throw new IllegalArgumentException("sample_hz [" + sampleHz + "] must be >0..1000");
        }
        this.collectors = List.copyOf(collectors);
        this.periodNanos = Math.round(1e9 / sampleHz);
        int n = collectors.size();
        this.minGapNanos = new long[n];
        this.nextDue = new long[n];
        this.consecutiveFailures = new int[n];
        this.slowReads = new int[n];
        this.failures = new long[n];
        this.lastError = new String[n];
        this.disabled = new boolean[n];
        for (int i = 0; i < n; i++) {
            Collector c = collectors.get(i);
            series.add(new Series(c.channels(), maxSamplesPerSeries));
            minGapNanos[i] = Math.max(periodNanos, Math.round(1e9 / c.maxRateHz()));
        }
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("Sampler already started");
        }
        running = true;
        thread = new Thread(this::loop, "edgebench-sampler");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY); // short bursts; keeps sample spacing even under benchmark load
        thread.start();
    }

    /**
     * Stops and joins the thread, then reads every live collector once more on the caller's thread, so the series
     * extend past the moment stop() was called (a window that ends just before stop() needs no clamping at its
     * end). The series are then safe to read. Idempotent.
     */
    public synchronized void stop() {
        running = false;
        if (thread != null && !stopped) {
            stopped = true;
            LockSupport.unpark(thread);
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Arrays.fill(nextDue, Long.MIN_VALUE); // the final read ignores per-source rate limits
            tick(rows());
        }
    }

    private double[][] rows() {
        double[][] rows = new double[collectors.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[collectors.get(i).channels().size()];
        }
        return rows;
    }

    private void loop() {
        double[][] rows = rows();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
        long next = System.nanoTime();
        while (running) {
            tick(rows);
            ticks++;
            for (Runnable r = requests.poll(); r != null; r = requests.poll()) {
                r.run();
            }
            next += periodNanos;
            long now = System.nanoTime();
            if (next < now) {
                next = now; // fell behind (slow source): skip missed ticks rather than burst
            }
            // sleep through ticks where no source is due (rate-capped sources only): each wake-up costs CPU
            // on the cores the benchmark runs on
            long due = earliestDue();
            if (due - next > periodNanos) {
                next += (due - next) / periodNanos * periodNanos;
            }
            LockSupport.parkNanos(next - now);
        }
        if (cpuStart >= 0) {
            cpuNanos = mx.getCurrentThreadCpuTime() - cpuStart; // two calls per run: nothing per tick
        }
    }

    /**
     * Runs {@code task} on the sampler thread between two ticks, where the series may be read while sampling goes
     * on (e.g. an energy estimate mid-run); waits at most {@code timeoutMs}. Null when the sampler is not running or
     * the task did not run in time.
     */
    public <T> T onSamplerThread(java.util.function.Supplier<T> task, long timeoutMs) {
        Thread t = thread;
        if (t == null || !running) {
            return null;
        }
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        requests.add(() -> {
            try {
                f.complete(task.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        LockSupport.unpark(t);
        try {
            return f.get(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        }
    }

    /** CPU time the sampler thread used (user + system), known after stop(); -1 when the JVM cannot tell. */
    public long cpuNanos() {
        return cpuNanos;
    }

    private long earliestDue() {
        long due = Long.MAX_VALUE;
        for (int i = 0; i < nextDue.length; i++) {
            if (!disabled[i]) {
                due = Math.min(due, nextDue[i]);
            }
        }
        return due == Long.MAX_VALUE ? System.nanoTime() + 1_000_000_000L : due; // nothing to read: idle, 1 Hz
    }

    /** One pass over the collectors that are due; public for tests that drive the sampler by hand. */
    public void tick(double[][] rows) {
        for (int i = 0; i < collectors.size(); i++) {
            long start = System.nanoTime();
            if (disabled[i] || start < nextDue[i]) {
                continue;
            }
            nextDue[i] = start + minGapNanos[i] - periodNanos / 2; // tolerate tick jitter
            double[] row = rows[i];
            Arrays.fill(row, Double.NaN);
            try {
                if (collectors.get(i) instanceof PushSource push) {
                    push.drain(series.get(i)); // stamped with the readings' own times, not this tick's
                    consecutiveFailures[i] = 0;
                    continue;
                }
                collectors.get(i).read(row);
                long end = System.nanoTime();
                consecutiveFailures[i] = 0;
                if (end - start > SLOW_READ_NANOS && ++slowReads[i] >= MAX_SLOW_READS) {
                    disable(i, "reads took over " + SLOW_READ_NANOS / 1_000_000 + " ms " + MAX_SLOW_READS + " times");
                }
                series.get(i).add(start + (end - start) / 2, row);
            } catch (Exception e) {
                failures[i]++;
                lastError[i] = e.getMessage() == null ? e.toString() : e.getMessage();
                if (++consecutiveFailures[i] >= MAX_CONSECUTIVE_FAILURES) {
                    disable(i, MAX_CONSECUTIVE_FAILURES + " reads in a row failed");
                }
            }
        }
    }

    private void disable(int i, String why) {
        disabled[i] = true;
        lastError[i] = why + (lastError[i] == null ? "" : " (last error: " + lastError[i] + ")");
    }

    public List<Collector> collectors() {
        return collectors;
    }

    public Series series(int i) {
        return series.get(i);
    }

    public long ticks() {
        return ticks;
    }

    /** Problems worth reporting, one line per collector that failed at least once. */
    public List<Absent> problems() {
        List<Absent> out = new ArrayList<>();
        for (int i = 0; i < collectors.size(); i++) {
            if (failures[i] > 0 || disabled[i]) {
                out.add(new Absent(
                        collectors.get(i).source(),
                        (disabled[i] ? "disabled: " : "") + failures[i] + " failed reads, last: " + lastError[i]));
            }
        }
        return out;
    }

    @Override
    public void close() {
        stop();
    }
}
