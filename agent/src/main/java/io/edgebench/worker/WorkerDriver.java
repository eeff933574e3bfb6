package io.edgebench.worker;

import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.Phase;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The one driver of a worker process, for a bench session and a compare lane alike: every wait for a message is
 * bounded by a deadline and a cancel flag, and a worker that exits without its answer, errs, hangs or is cancelled
 * becomes a {@link Failure} that says what it was doing, and is killed. After a failure every call is a no-op.
 */
public final class WorkerDriver implements AutoCloseable {
    private static final long POLL_MS = 50;

    /** Why the worker stopped: status, error kind, message, the worker's last stderr lines. */
    public record Failure(Status status, ErrorKind kind, String message, List<String> stderrTail) {}

    /**
     * How long a wait may last: until {@code endNanos}; a timeout counts its seconds from {@code sinceNanos} and
     * names {@code budget}, what set the bound (e.g. "load allowance 60 s").
     */
    public record Deadline(long sinceNanos, long endNanos, String budget) {}

    private final WorkerProcess process;
    private final String maxHeap;
    private Phase phase = Phase.START;
    private String doing = WorkerFailure.doing(Phase.START);
    private Failure failure;

    private WorkerDriver(WorkerProcess process, String maxHeap) {
        this.process = process;
        this.maxHeap = maxHeap;
    }

    /** Starts a worker with {@code request}; one that cannot start is a driver that has already failed. */
    public static WorkerDriver start(WorkerLaunch launch, WorkerRequest request) {
        try {
            return new WorkerDriver(WorkerProcess.start(launch, request), launch.maxHeap());
        } catch (IOException e) {
            WorkerDriver dead = new WorkerDriver(null, launch.maxHeap());
            dead.failure = new Failure(
                    Status.FAILED,
                    ErrorKind.INTERNAL,
                    "cannot start the worker process (" + launch.java() + "): " + e.getMessage(),
                    List.of());
            return dead;
        }
    }

    /** What the worker is at: the phase decides how an exit is explained, its words follow "while". */
    public void at(Phase phase) {
        at(phase, WorkerFailure.doing(phase));
    }

    /** As {@link #at(Phase)}, with words of the caller's ("computing the agreement outputs"). */
    public void at(Phase phase, String doing) {
        this.phase = phase;
        this.doing = doing;
    }

    Phase phase() {
        return phase;
    }

    public Failure failure() {
        return failure;
    }

    /** The next message, or null once the worker has failed (see {@link #failure()}). */
    public WorkerMessage next(Deadline deadline, BooleanSupplier cancelled) {
        try {
            while (true) {
                if (failure != null) {
                    return null; // also a worker that never started: there is no process to wait on
                }
                if (cancelled.getAsBoolean()) {
                    fail(Status.CANCELLED, ErrorKind.CANCELLED, "cancelled while " + doing + "; the worker was killed");
                    return null;
                }
                if (System.nanoTime() > deadline.endNanos()) {
                    timedOut(deadline);
                    return null;
                }
                if (!process.ended()) {
                    WorkerMessage m = process.poll(POLL_MS);
                    if (m != null) {
                        return m;
                    }
                } else {
                    Integer code = process.awaitExit(POLL_MS);
                    if (code != null) {
                        exited(code);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(Status.CANCELLED, ErrorKind.CANCELLED, "interrupted while " + doing + "; the worker was killed");
            return null;
        }
    }

    /**
     * Writes one command line. A worker that cannot be written to has exited or is exiting: the next wait explains
     * how, from its exit code and stderr.
     */
    public void send(Object command) {
        if (failure == null) {
            try {
                process.send(command);
            } catch (IOException e) {
                process.tail().add("(writing to the worker failed: " + e.getMessage() + ")");
            }
        }
    }

    /** Asks the worker to end its timed loop now (see {@link StopSignal}); false when it is gone. */
    public boolean requestStop() {
        return failure == null && process.requestStop();
    }

    /** Records the worker's own error message as the failure and kills what is left of it. */
    public void failWith(WorkerMessage error) {
        fail(Status.FAILED, error.errorKind(), error.message());
    }

    /** Waits (bounded) for a worker that answered its last message to exit by itself; close() kills a lingering one. */
    public void awaitExit(long timeoutMs) {
        if (process == null) {
            return;
        }
        try {
            process.awaitExit(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<String> stderrTail() {
        return process == null ? List.of() : process.tail().lines();
    }

    private void exited(int code) throws InterruptedException {
        process.awaitDrained(2_000);
        WorkerFailure f = WorkerFailure.of(code, phase, process.tail(), maxHeap);
        fail(Status.FAILED, f.kind(), f.message());
    }

    private void timedOut(Deadline deadline) throws InterruptedException {
        process.kill();
        process.awaitExit(5_000);
        process.awaitDrained(2_000);
        long seconds = Math.round((System.nanoTime() - deadline.sinceNanos()) / 1e9);
        String last = process.tail().summary(3);
        fail(
                Status.FAILED,
                ErrorKind.TIMEOUT,
                "worker did not finish within " + seconds + " s (stuck " + doing + "; " + deadline.budget()
                        + "); it was killed" + (last.isEmpty() ? "" : "; last stderr: " + last));
    }

    private void fail(Status status, ErrorKind kind, String message) {
        if (failure == null) {
            if (process != null) {
                process.kill();
            }
            failure = new Failure(status, kind, message, stderrTail());
        }
    }

    /** Closes stdin, which ends a worker waiting for commands, and kills one that is still alive. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
