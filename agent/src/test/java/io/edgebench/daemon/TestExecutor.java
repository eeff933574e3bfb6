package io.edgebench.daemon;

import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.Delegate;
import io.edgebench.results.LatencyStats;
import io.edgebench.results.ModelFormat;
import io.edgebench.results.Phase;
import io.edgebench.results.RuntimeKind;
import io.edgebench.wire.Command;
import io.edgebench.wire.Job;
import io.edgebench.wire.JobOutput;
import io.edgebench.worker.BenchListener;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A controllable stand-in for the benchmark: in gated mode each job runs until the test calls {@link #release()},
 * otherwise it "runs" for the request's min_seconds. Either way it reports progress and honours cancellation, and
 * returns a small BenchResult (one 1234.5 us latency).
 */
public final class TestExecutor implements JobExecutor {
    private final boolean gated;
    private final Semaphore gate = new Semaphore(0);
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();

    public TestExecutor(boolean gated) {
        this.gated = gated;
    }

    /** Lets one gated job finish. */
    public void release() {
        gate.release();
    }

    public int started() {
        return started.get();
    }

    public int finished() {
        return finished.get();
    }

    @Override
    public JobOutput execute(Job job, BenchListener listener, BooleanSupplier cancelled) throws Exception {
        started.incrementAndGet();
        Command.Bench bench = (Command.Bench) job.command();
        listener.onPhase(Phase.LOAD);
        listener.onPhase(Phase.RUN);
        long target = bench.params().runs();
        long endNanos = System.nanoTime() + (long) (bench.params().minSeconds() * 1e9);
        long done = 0;
        // Simulated work in 20 ms slices, so cancellation and progress behave like a real run.
        while (!cancelled.getAsBoolean()) {
            if (gated ? gate.tryAcquire(20, TimeUnit.MILLISECONDS) : System.nanoTime() >= endNanos) {
                break;
            }
            if (!gated) {
                Thread.sleep(20);
            }
            done = Math.min(target, done + 1);
            listener.onRuns(done, target, -1);
        }
        listener.onPhase(Phase.DONE);
        finished.incrementAndGet();
        BenchParams p = bench.params();
        long[] latencyNs = {1_234_500};
        return JobOutput.of(BenchResult.builder()
                .model(new BenchResult.ModelRef(p.model().toString(), "0".repeat(64), ModelFormat.TFLITE))
                .runtime(RuntimeKind.TFLITE)
                .delegate(Delegate.CPU)
                .threads(p.threads())
                .seed(p.seed())
                .runs(target)
                .latencyUs(LatencyStats.ofNanos(latencyNs, 1))
                .build());
    }
}
