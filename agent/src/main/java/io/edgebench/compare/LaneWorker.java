package io.edgebench.compare;

import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.Phase;
import io.edgebench.worker.OutputsReport;
import io.edgebench.worker.ReadyReport;
import io.edgebench.worker.RoundCommand;
import io.edgebench.worker.RoundReport;
import io.edgebench.worker.WorkerFailure;
import io.edgebench.worker.WorkerLaunch;
import io.edgebench.worker.WorkerMessage;
import io.edgebench.worker.WorkerProcess;
import io.edgebench.worker.WorkerRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The parent's handle on one lane's rounds-mode worker: it stays up for the whole comparison (load and warm-up
 * once), times one round per {@link #round} call and answers the agreement inputs through the same session. Every
 * call is bounded; a worker that dies, errs or hangs turns into {@link #failure()} and is killed.
 */
final class LaneWorker implements AutoCloseable {
    private static final long POLL_MS = 50;

    /** Why the lane stopped: status, error kind, message, the worker's last stderr lines. */
    record Failure(Status status, ErrorKind kind, String message, List<String> stderrTail) {}

    private final WorkerProcess process;
    private final String maxHeap;
    private ReadyReport ready;
    private Failure failure;
    private String doing = "loading the model";
    private Phase phase = Phase.LOAD;
    private boolean endRequested;

    private LaneWorker(WorkerProcess process, String maxHeap) {
        this.process = process;
        this.maxHeap = maxHeap;
    }

    /** Starts the worker; {@link #awaitReady} waits for load and warm-up. */
    static LaneWorker start(WorkerLaunch launch, BenchParams resolved) {
        try {
            return new LaneWorker(WorkerProcess.start(launch, WorkerRequest.rounds(resolved)), launch.maxHeap());
        } catch (IOException e) {
            LaneWorker dead = new LaneWorker(null, launch.maxHeap());
            dead.failure = new Failure(
                    Status.FAILED,
                    ErrorKind.INTERNAL,
                    "cannot start the worker process (" + launch.java() + "): " + e.getMessage(),
                    List.of());
            return dead;
        }
    }

    ReadyReport awaitReady(Duration timeout, BooleanSupplier cancelled) {
        if (ready == null && failure == null) {
            WorkerMessage m = await(WorkerMessage.READY, timeout, cancelled);
            ready = m == null ? null : m.ready();
        }
        return ready;
    }

    /** One timed round; null once the lane has failed. */
    RoundReport round(double seconds, Duration timeout, BooleanSupplier cancelled) {
        doing = "running a timed round";
        phase = Phase.RUN;
        WorkerMessage m = command(RoundCommand.round(seconds), WorkerMessage.ROUND, timeout, cancelled);
        return m == null ? null : m.round();
    }

    /** One inference per seed through the lane's own session; null once the lane has failed. */
    OutputsReport outputs(List<Long> seeds, int maxOutputValues, Duration timeout, BooleanSupplier cancelled) {
        doing = "computing the agreement outputs";
        phase = Phase.DONE;
        WorkerMessage m =
                command(RoundCommand.outputs(seeds, maxOutputValues), WorkerMessage.OUTPUTS, timeout, cancelled);
        return m == null ? null : m.outputs();
    }

    Failure failure() {
        return failure;
    }

    private WorkerMessage command(RoundCommand c, String answer, Duration timeout, BooleanSupplier cancelled) {
        if (failure != null) {
            return null;
        }
        try {
            process.send(c);
        } catch (IOException e) {
            return fail(Status.FAILED, null, "cannot write to the worker (" + e.getMessage() + ")");
        }
        return await(answer, timeout, cancelled);
    }

    /** Waits for a message of type {@code answer}, skipping phases; anything else ends the lane. */
    private WorkerMessage await(String answer, Duration timeout, BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return fail(
                            Status.CANCELLED,
                            ErrorKind.CANCELLED,
                            "cancelled while " + doing + "; the worker was killed");
                }
                if (System.nanoTime() > deadline) {
                    return fail(
                            Status.FAILED,
                            ErrorKind.TIMEOUT,
                            "worker did not answer within " + timeout.toSeconds() + " s while " + doing
                                    + "; it was killed");
                }
                WorkerMessage m = process.poll(POLL_MS);
                if (m == null) {
                    if (process.ended()) {
                        return exited();
                    }
                    continue;
                }
                if (answer.equals(m.type())) {
                    return m;
                }
                if (WorkerMessage.ERROR.equals(m.type())) {
                    return fail(Status.FAILED, m.errorKind(), m.message());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(
                    Status.CANCELLED, ErrorKind.CANCELLED, "interrupted while " + doing + "; the worker was killed");
        }
    }

    private WorkerMessage exited() throws InterruptedException {
        Integer code = process.awaitExit(5_000);
        process.awaitDrained(2_000);
        WorkerFailure f = WorkerFailure.of(code == null ? -1 : code, phase, process.tail(), maxHeap);
        return fail(Status.FAILED, f.kind(), f.message());
    }

    private WorkerMessage fail(Status status, ErrorKind kind, String message) {
        if (process != null) {
            process.kill();
        }
        failure = new Failure(
                status,
                kind,
                message,
                process == null ? List.of() : process.tail().lines());
        return null;
    }

    /** Asks the worker to end (without waiting), so several lanes can shut down at once. */
    void requestEnd() {
        if (process != null && failure == null && !endRequested) {
            endRequested = true;
            try {
                process.send(RoundCommand.finish());
            } catch (IOException e) {
                // already gone
            }
        }
    }

    /** Asks the worker to end, waits briefly, then closes (and kills it if it lingers). */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        requestEnd();
        if (failure == null) {
            try {
                process.awaitExit(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.close();
    }
}
