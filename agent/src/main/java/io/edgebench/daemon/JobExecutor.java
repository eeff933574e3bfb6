package io.edgebench.daemon;

import io.edgebench.bench.BenchRunner;
import io.edgebench.wire.Job;
import io.edgebench.wire.JobOutput;
import io.edgebench.worker.BenchListener;
import java.util.function.BooleanSupplier;

/**
 * Runs one job to completion on the queue's runner thread. Implementations: {@link BenchJobExecutor} (the real
 * benchmark); tests plug in controllable ones.
 */
public interface JobExecutor {

    /**
     * @param cancelled polled by the executor; once true it should stop as soon as it safely can
     * @return the bench or compare result, published as the result's "result" field
     * @throws Exception the job failed; the message becomes the result's "error"
     */
    JobOutput execute(Job job, BenchListener listener, BooleanSupplier cancelled) throws Exception;

    /** The per-lane time limits this executor enforces; the watchdog derives a job's bound from them. */
    default BenchRunner.Limits limits() {
        return BenchRunner.Limits.defaults();
    }
}
