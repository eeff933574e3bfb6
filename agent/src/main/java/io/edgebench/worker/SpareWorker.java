package io.edgebench.worker;

import java.io.IOException;
import java.util.Objects;

/**
 * An optional worker JVM the agent keeps started between jobs, so a remote trigger does not wait for a JVM start
 * (0.3-0.5 s on a 2-core x86 VM, several times that on a Pi). It idles blocked on its stdin (no CPU) and costs the
 * RSS of an idle JVM (about 37 MB measured). The next job's first worker takes it; a new one is started only after
 * the job (refill), never while a benchmark runs, so it cannot perturb a measurement.
 *
 * <p>Process-wide because the agent has one job runner and the workers are started deep inside the bench code;
 * nothing is installed unless the agent enables it ({@code --warm-worker}).
 */
public final class SpareWorker implements AutoCloseable {
    /** Below this much RAM the spare JVM is not worth its memory (Pi Zero 2 W, Coral Dev Board Mini). */
    public static final long AUTO_MIN_RAM_BYTES = 2L << 30;

    private static volatile SpareWorker installed;

    private final WorkerLaunch launch;
    private WorkerProcess spare;

    public SpareWorker(WorkerLaunch launch) {
        this.launch = Objects.requireNonNull(launch, "launch");
    }

    /** Makes {@code s} the process's spare source (null uninstalls); returns it. */
    public static SpareWorker install(SpareWorker s) {
        SpareWorker old = installed;
        installed = s;
        if (old != null && old != s) {
            old.close();
        }
        return s;
    }

    /** Starts a new spare for the installed source, if any and none is waiting. */
    public static void refillInstalled() {
        SpareWorker s = installed;
        if (s != null) {
            s.refill();
        }
    }

    static WorkerProcess takeInstalled(WorkerLaunch launch) {
        SpareWorker s = installed;
        return s == null ? null : s.take(launch);
    }

    /** Starts the spare unless one is waiting; a failed start is left to the next job (it starts its own). */
    public synchronized void refill() {
        if (spare != null && spare.alive()) {
            return;
        }
        try {
            spare = WorkerProcess.spawn(launch);
        } catch (IOException e) {
            spare = null;
            System.err.println("worker event=spare_failed error=\"" + e.getMessage() + "\"");
        }
    }

    /** The waiting spare if it was started for exactly {@code wanted} and is alive; else null (start a new one). */
    synchronized WorkerProcess take(WorkerLaunch wanted) {
        if (spare == null || !launch.equals(wanted)) {
            return null;
        }
        WorkerProcess s = spare;
        spare = null;
        if (!s.alive()) {
            s.close();
            return null;
        }
        return s;
    }

    /** The spare's pid, or -1 when none waits (for measurements). */
    public synchronized long sparePid() {
        return spare != null && spare.alive() ? spare.pid() : -1;
    }

    @Override
    public synchronized void close() {
        if (spare != null) {
            spare.close(); // EOF on its stdin: it answers "no request" and exits
            spare = null;
        }
    }

    /** {@code --warm-worker auto}: on when the machine has at least {@link #AUTO_MIN_RAM_BYTES} of RAM. */
    public static boolean autoEnabled(long memTotalBytes) {
        return memTotalBytes >= AUTO_MIN_RAM_BYTES;
    }
}
