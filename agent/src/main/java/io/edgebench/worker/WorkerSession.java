package io.edgebench.worker;

import io.edgebench.results.Phase;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Drives one worker from spawn to exit: forwards phases and progress to the listener, and enforces a watchdog whose
 * deadline follows the phase (load allowance until warm-up starts, then max_seconds + grace for warm-up and again for
 * the timed loop), so a hang is detected in bounded time however long the benchmark legitimately runs.
 */
public final class WorkerSession {
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

    /** How a worker ended: its final message (a result), or why it has none. */
    public record Outcome(WorkerMessage message, WorkerDriver.Failure failure) {}

    private final WorkerLaunch launch;
    private final Duration loadAllowance;
    private final Duration grace;

    /** @param loadAllowance from spawn until warm-up starts; @param grace added to max_seconds per phase */
    public WorkerSession(WorkerLaunch launch, Duration loadAllowance, Duration grace) {
        this.launch = launch;
        this.loadAllowance = loadAllowance;
        this.grace = grace;
    }

    public Outcome drive(WorkerRequest request, BenchListener listener, BooleanSupplier cancelled) {
        return drive(request, listener, cancelled, StopGate.NEVER);
    }

    /** As above; {@code gate} may end a timed loop held open for --energy-accuracy (see {@link StopSignal}). */
    public Outcome drive(WorkerRequest request, BenchListener listener, BooleanSupplier cancelled, StopGate gate) {
        long spawnNs = System.nanoTime();
        try (WorkerDriver worker = WorkerDriver.start(launch, request)) {
            WorkerMessage last = watch(worker, request, listener, cancelled, spawnNs, gate);
            if (last != null && last.type() == WorkerMessage.Type.ERROR) {
                worker.failWith(last);
            }
            return worker.failure() == null ? new Outcome(last, null) : new Outcome(null, worker.failure());
        }
    }

    /** Forwards phases and progress until the final message (returned) or a failure (null). */
    private WorkerMessage watch(
            WorkerDriver worker,
            WorkerRequest request,
            BenchListener listener,
            BooleanSupplier cancelled,
            long spawnNs,
            StopGate gate) {
        long runStartNs = 0;
        long gateAskedNs = 0;
        boolean stopSent = false;
        var deadline = new WorkerDriver.Deadline(
                spawnNs, spawnNs + loadAllowance.toNanos(), "load allowance " + loadAllowance.toSeconds() + " s");
        long phaseBudgetNs = (long) (request.params().maxSeconds() * 1e9) + grace.toNanos();
        for (WorkerMessage m = worker.next(deadline, cancelled); m != null; m = worker.next(deadline, cancelled)) {
            if (m.isFinal()) {
                listener.onPhase(Phase.DONE);
                // The worker exits by itself once it has answered; close() kills it if it lingers.
                worker.awaitExit(2_000);
                return m;
            }
            if (m.type() == WorkerMessage.Type.PHASE) {
                // the wire's id: one this version does not know is reported and skipped (progress is advisory)
                Phase phase = Phase.find(m.phase()).orElse(null);
                if (phase == null) {
                    listener.onUnknownPhase(m.phase());
                    continue;
                }
                worker.at(phase);
                if (phase != Phase.DONE) {
                    listener.onPhase(phase);
                }
                if (phase == Phase.RUN) {
                    runStartNs = System.nanoTime();
                }
                if (phase == Phase.WARMUP || phase == Phase.RUN || phase == Phase.PROFILE) {
                    deadline = new WorkerDriver.Deadline(
                            spawnNs,
                            System.nanoTime() + phaseBudgetNs,
                            "max_seconds " + request.params().maxSeconds() + " + " + grace.toSeconds() + " s grace for "
                                    + phase.id());
                }
            } else if (m.type() == WorkerMessage.Type.PROGRESS) {
                listener.onRuns(m.runsDone(), m.runsTarget(), m.etaS());
                long now = System.nanoTime();
                if (gate != StopGate.NEVER
                        && !stopSent
                        && worker.phase() == Phase.RUN
                        && now - gateAskedNs >= GATE_EVERY_NANOS) {
                    gateAskedNs = now;
                    if (gate.reached(m.runsDone(), runStartNs)) {
                        stopSent = worker.requestStop();
                    }
                }
            }
        }
        return null;
    }
}
