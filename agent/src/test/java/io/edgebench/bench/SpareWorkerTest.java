package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.worker.BenchListener;
import io.edgebench.worker.SpareWorker;
import io.edgebench.worker.WorkerLaunch;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent's warm worker: started ahead, taken by the next benchmark of the same launch, left alone by others. */
@Tag("slow")
class SpareWorkerTest {
    @TempDir
    Path dir;

    @AfterEach
    void uninstall() {
        SpareWorker.install(null);
    }

    @Test
    @Timeout(180)
    void bench_takesTheWaitingSpare_andItsResultIsComplete() throws Exception {
        Path model = Forge.forge(ForgeSpec.tiny(), dir).tflite();
        SpareWorker spare = SpareWorker.install(new SpareWorker(WorkerLaunch.sameJvm()));
        spare.refill();
        long pid = spare.sparePid();
        assertNotEquals(-1, pid, "a spare is waiting");

        BenchResult r = new BenchRunner().run(params(model), RunTelemetry.OFF, BenchListener.NONE, () -> false);

        assertTrue(r.ok(), r.error());
        assertEquals(3L, r.runs());
        assertEquals(-1, spare.sparePid(), "the benchmark took the spare; refill is the agent's, after the job");
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "the spare ran the job and exited");
    }

    @Test
    @Timeout(180)
    void bench_withAnotherLaunch_leavesTheSpareWaiting() throws Exception {
        Path model = Forge.forge(ForgeSpec.tiny(), dir).tflite();
        SpareWorker spare =
                SpareWorker.install(new SpareWorker(WorkerLaunch.sameJvm().withMaxHeap("300m")));
        spare.refill();
        long pid = spare.sparePid();

        BenchResult r = new BenchRunner().run(params(model), RunTelemetry.OFF, BenchListener.NONE, () -> false);

        assertTrue(r.ok(), r.error());
        assertEquals(pid, spare.sparePid(), "a spare started with other JVM flags is not used");
    }

    private static BenchParams params(Path model) {
        BenchParams d = BenchParams.defaults(model);
        return BenchParams.builder(model)
                .runtime(RuntimeKind.TFLITE)
                .delegate(Delegate.XNNPACK)
                .threads(1)
                .warmupRuns(0)
                .warmupSeconds(0.0)
                .runs(3)
                .minSeconds(0.0)
                .maxSeconds(60.0)
                .seed(d.seed())
                .onnxSpinning(false)
                .edgeTpu(d.edgeTpu())
                .requireFullDelegation(false)
                .sampleHz(0.0)
                .cooldownMaxSeconds(d.cooldownMaxSeconds())
                .build();
    }
}
