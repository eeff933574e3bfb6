package io.edgebench.worker;

import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.Phase;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Drives one worker from spawn to exit: forwards phases and progress to the listener, and enforces a watchdog whose
 * deadline follows the phase (load allowance until warm-up starts, then max_seconds + grace for warm-up and again for
 * the timed loop), so a hang is detected in bounded time however long the benchmark legitimately runs.
 */
public final class WorkerSession {
    private static final long POLL_MS = 100;
    /** How often the stop gate is asked (an energy estimate over the samples so far costs a little). */
    private static final long GATE_EVERY_NANOS = 1_000_000_000L;

    /**
     * Decides, from progress during the timed loop, that the loop may end now (--energy-accuracy): asked about once
     * a second with the runs done so far and the instant the parent saw the loop start.
     */
    public interface StopGate {
        boolean reached(long runsDone, long runStartNanos);

        StopGate NEVER = (runs, start) -> false;
    }

    /** How a worker ended: its final message, or a failure with status, kind and message. */
    public record Outcome(
            WorkerMessage message, Status status, ErrorKind errorKind, String error, List<String> stderrTail) {
        public static Outcome failed(Status status, ErrorKind errorKind, String error, List<String> stderrTail) {
            return new Outcome(null, status, errorKind, error, stderrTail);
        }

        static Outcome ok(WorkerMessage message) {
            return new Outcome(message, Status.OK, null, null, List.of());
        }
    }

    private final WorkerLaunch launch;
    private final Duration loadAllowance;
    private final Duration grace;
    private final String debugCrash;

    /** @param loadAllowance from spawn until warm-up starts; @param grace added to max_seconds per phase */
    public WorkerSession(WorkerLaunch launch, Duration loadAllowance, Duration grace, String debugCrash) {
        this.launch = launch;
        this.loadAllowance = loadAllowance;
        this.grace = grace;
        this.debugCrash = debugCrash;
    }

    public Outcome drive(WorkerRequest request, BenchListener listener, BooleanSupplier cancelled) {
        return drive(request, listener, cancelled, StopGate.NEVER);
    }

    /** As above; {@code gate} may end a timed loop held open for --energy-accuracy (see {@link StopSignal}). */
    public Outcome drive(WorkerRequest request, BenchListener listener, BooleanSupplier cancelled, StopGate gate) {
        WorkerRequest sent = debugCrash == null ? request : request.withDebugCrash(debugCrash);
        long spawnNs = System.nanoTime();
        WorkerProcess worker;
        try {
            worker = WorkerProcess.start(launch, sent);
        } catch (IOException e) {
            return Outcome.failed(
                    Status.FAILED,
                    ErrorKind.INTERNAL,
                    "cannot start the worker process (" + launch.java() + "): " + e.getMessage(),
                    null);
        }
        try (worker) {
            return watch(worker, request, listener, cancelled, spawnNs, gate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.kill();
            return new Outcome(
                    null,
                    Status.CANCELLED,
                    ErrorKind.CANCELLED,
                    "interrupted; the worker was killed",
                    worker.tail().lines());
        }
    }

    private Outcome watch(
            WorkerProcess worker,
            WorkerRequest request,
            BenchListener listener,
            BooleanSupplier cancelled,
            long spawnNs,
            StopGate gate)
            throws InterruptedException {
        Phase phase = Phase.START;
        long runStartNs = 0;
        long gateAskedNs = 0;
        boolean stopSent = false;
        long deadlineNs = spawnNs + loadAllowance.toNanos();
        String budget = "load allowance " + loadAllowance.toSeconds() + " s";
        long phaseBudgetNs = (long) (request.params().maxSeconds() * 1e9) + grace.toNanos();
        while (true) {
            if (cancelled.getAsBoolean()) {
                worker.kill();
                return new Outcome(
                        null,
                        Status.CANCELLED,
                        ErrorKind.CANCELLED,
                        "cancelled while " + WorkerFailure.doing(phase) + "; the worker was killed",
                        null);
            }
            if (System.nanoTime() > deadlineNs) {
                return timedOut(worker, phase, spawnNs, budget);
            }
            WorkerMessage m = worker.poll(POLL_MS);
            if (m == null) {
                if (worker.ended()) {
                    return exited(worker, phase, cancelled, deadlineNs, spawnNs, budget);
                }
                continue;
            }
            if (m.isFinal()) {
                listener.onPhase(Phase.DONE);
                // The worker exits by itself once it has answered; close() kills it if it lingers.
                worker.awaitExit(2_000);
                if (WorkerMessage.ERROR.equals(m.type())) {
                    return new Outcome(
                            m,
                            Status.FAILED,
                            m.errorKind(),
                            m.message(),
                            worker.tail().lines());
                }
                return Outcome.ok(m);
            }
            if (WorkerMessage.PHASE.equals(m.type())) {
                // the wire's id: one this version does not know is reported and skipped (progress is advisory)
                Phase next = Phase.find(m.phase()).orElse(null);
                if (next == null) {
                    listener.onUnknownPhase(m.phase());
                    continue;
                }
                phase = next;
                if (phase != Phase.DONE) {
                    listener.onPhase(phase);
                }
                if (phase == Phase.RUN) {
                    runStartNs = System.nanoTime();
                }
                if (phase == Phase.WARMUP || phase == Phase.RUN || phase == Phase.PROFILE) {
                    deadlineNs = System.nanoTime() + phaseBudgetNs;
                    budget = "max_seconds " + request.params().maxSeconds() + " + " + grace.toSeconds()
                            + " s grace for " + phase.id();
                }
            } else if (WorkerMessage.PROGRESS.equals(m.type())) {
                listener.onRuns(m.runsDone(), m.runsTarget(), m.etaS());
                long now = System.nanoTime();
                if (gate != StopGate.NEVER
                        && !stopSent
                        && phase == Phase.RUN
                        && now - gateAskedNs >= GATE_EVERY_NANOS) {
                    gateAskedNs = now;
                    if (gate.reached(m.runsDone(), runStartNs)) {
                        stopSent = worker.requestStop();
                    }
                }
            }
        }
    }

    private Outcome exited(
            WorkerProcess worker, Phase phase, BooleanSupplier cancelled, long deadlineNs, long spawnNs, String budget)
            throws InterruptedException {
        Integer code = null;
        while (code == null) {
            if (cancelled.getAsBoolean()) {
                worker.kill();
                return new Outcome(
                        null,
                        Status.CANCELLED,
                        ErrorKind.CANCELLED,
                        "cancelled while " + WorkerFailure.doing(phase) + "; the worker was killed",
                        null);
            }
            if (System.nanoTime() > deadlineNs) {
                return timedOut(worker, phase, spawnNs, budget);
            }
            code = worker.awaitExit(POLL_MS);
        }
        worker.awaitDrained(2_000);
        WorkerFailure f = WorkerFailure.of(code, phase, worker.tail(), launch.maxHeap());
        return new Outcome(
                null, Status.FAILED, f.kind(), f.message(), worker.tail().lines());
    }

    private static Outcome timedOut(WorkerProcess worker, Phase phase, long spawnNs, String budget)
            throws InterruptedException {
        worker.kill();
        worker.awaitExit(5_000);
        worker.awaitDrained(2_000);
        long seconds = Math.round((System.nanoTime() - spawnNs) / 1e9);
        StderrTail tail = worker.tail();
        String last = tail.summary(3);
        return new Outcome(
                null,
                Status.FAILED,
                ErrorKind.TIMEOUT,
                "worker did not finish within " + seconds + " s (stuck "
                        + WorkerFailure.doing(phase) + "; " + budget + "); it was killed"
                        + (last.isEmpty() ? "" : "; last stderr: " + last),
                tail.lines());
    }
}
