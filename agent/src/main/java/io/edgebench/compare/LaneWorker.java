package io.edgebench.compare;

import io.edgebench.results.Phase;
import io.edgebench.worker.OutputsReport;
import io.edgebench.worker.ReadyReport;
import io.edgebench.worker.RoundCommand;
import io.edgebench.worker.RoundReport;
import io.edgebench.worker.WorkerDriver;
import io.edgebench.worker.WorkerLaunch;
import io.edgebench.worker.WorkerMessage;
import io.edgebench.worker.WorkerRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The parent's handle on one lane's rounds-mode worker: it stays up for the whole comparison (load and warm-up
 * once), times one round per {@link #round} call and answers the agreement inputs through the same session. Every
 * call is bounded by the {@link WorkerDriver}; a worker that dies, errs or hangs turns into {@link #failure()}.
 */
final class LaneWorker implements AutoCloseable {
    private final WorkerDriver driver;
    private ReadyReport ready;
    private boolean endRequested;

    private LaneWorker(WorkerDriver driver) {
        this.driver = driver;
        driver.at(Phase.LOAD);
    }

    /** Starts the worker; {@link #awaitReady} waits for load and warm-up. */
    static LaneWorker start(WorkerLaunch launch, WorkerRequest rounds) {
        return new LaneWorker(WorkerDriver.start(launch, rounds));
    }

    ReadyReport awaitReady(Duration timeout, BooleanSupplier cancelled) {
        if (ready == null && failure() == null) {
            WorkerMessage m = await(WorkerMessage.Type.READY, timeout, cancelled);
            ready = m == null ? null : m.ready();
        }
        return ready;
    }

    /** One timed round; null once the lane has failed. */
    RoundReport round(double seconds, Duration timeout, BooleanSupplier cancelled) {
        driver.at(Phase.RUN, "running a timed round");
        WorkerMessage m = command(RoundCommand.round(seconds), WorkerMessage.Type.ROUND, timeout, cancelled);
        return m == null ? null : m.round();
    }

    /** One inference per seed through the lane's own session; null once the lane has failed. */
    OutputsReport outputs(List<Long> seeds, int maxOutputValues, Duration timeout, BooleanSupplier cancelled) {
        driver.at(Phase.DONE, "computing the agreement outputs");
        WorkerMessage m =
                command(RoundCommand.outputs(seeds, maxOutputValues), WorkerMessage.Type.OUTPUTS, timeout, cancelled);
        return m == null ? null : m.outputs();
    }

    WorkerDriver.Failure failure() {
        return driver.failure();
    }

    private WorkerMessage command(
            RoundCommand c, WorkerMessage.Type answer, Duration timeout, BooleanSupplier cancelled) {
        driver.send(c);
        return await(answer, timeout, cancelled);
    }

    /** Waits for a message of type {@code answer}, skipping phases; the worker's error ends the lane. */
    private WorkerMessage await(WorkerMessage.Type answer, Duration timeout, BooleanSupplier cancelled) {
        long now = System.nanoTime();
        var deadline = new WorkerDriver.Deadline(now, now + timeout.toNanos(), "bound " + timeout.toSeconds() + " s");
        for (WorkerMessage m = driver.next(deadline, cancelled); m != null; m = driver.next(deadline, cancelled)) {
            if (m.type() == answer) {
                return m;
            }
            if (m.type() == WorkerMessage.Type.ERROR) {
                driver.failWith(m);
            } else if (m.type() == WorkerMessage.Type.PHASE) {
                Phase.find(m.phase()).ifPresent(driver::at);
            }
        }
        return null;
    }

    /** Asks the worker to end (without waiting), so several lanes can shut down at once. */
    void requestEnd() {
        if (failure() == null && !endRequested) {
            endRequested = true;
            driver.send(RoundCommand.finish());
        }
    }

    /** Asks the worker to end, waits briefly, then closes (and kills it if it lingers). */
    @Override
    public void close() {
        requestEnd();
        if (failure() == null) {
            driver.awaitExit(2_000);
        }
        driver.close();
    }
}
