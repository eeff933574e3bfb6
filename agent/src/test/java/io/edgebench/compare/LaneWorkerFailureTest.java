package io.edgebench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.bench.BenchRunner;
import io.edgebench.model.tflite.TinyTfliteModels;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.CompareReport;
import io.edgebench.results.Lane;
import io.edgebench.worker.WorkerLaunch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compare's lane workers die and hang for real (the worker's debug hook) and are explained as a bench worker's are:
 * the same driver, so the same words, and the comparison still returns a report.
 */
@Timeout(120)
class LaneWorkerFailureTest {
    @TempDir
    Path dir;

    private CompareReport compare(String crash, Duration loadAllowance, java.util.function.BooleanSupplier cancelled)
            throws Exception {
        Path model = TinyTfliteModels.write(dir, "add.tflite", TinyTfliteModels.Spec.addFloat());
        BenchRunner runner = new BenchRunner(
                        WorkerLaunch.sameJvm(), new BenchRunner.Limits(loadAllowance, Duration.ofSeconds(1)))
                .withDebugCrash(crash);
        List<Lane> lanes = Comparison.lanes(List.of(model), Lane.Choice.parseList("tflite:cpu,tflite:xnnpack"));
        return new Comparison(runner)
                .run(
                        lanes,
                        l -> BenchParams.defaults(l.model()).toBuilder()
                                .runtime(l.runtime())
                                .delegate(l.delegate())
                                .maxSeconds(1.0)
                                .sampleHz(0.0)
                                .build(),
                        List.of(1L),
                        1e-4,
                        0,
                        line -> {},
                        io.edgebench.worker.BenchListener.NONE,
                        cancelled);
    }

    @Test
    void segfaultInWarmup_everyLaneFailedNamingTheSignalAndPhase() throws Exception {
        CompareReport r = compare("sigsegv@warmup", Duration.ofSeconds(60), () -> false);
        assertEquals(2, r.results().size());
        for (BenchResult lane : r.results()) {
            assertEquals(Status.FAILED, lane.status());
            assertEquals("crash", lane.errorKind());
            assertTrue(lane.error().contains("worker crashed (signal 11 SIGSEGV at pc=0x"), lane.error());
            assertTrue(lane.error().contains("JVM fatal error) while warming up"), lane.error());
            assertFalse(lane.stderrTail().isEmpty());
        }
    }

    @Test
    void hangInWarmup_killedAfterItsBound_namingWhatBoundIt() throws Exception {
        CompareReport r = compare("hang@warmup", Duration.ofSeconds(3), () -> false);
        for (BenchResult lane : r.results()) {
            assertEquals(Status.FAILED, lane.status());
            assertEquals("timeout", lane.errorKind());
            assertTrue(
                    lane.error()
                            .matches("worker did not finish within [4-9] s \\(stuck warming up; bound 5 s\\);"
                                    + " it was killed.*"),
                    lane.error());
        }
    }

    @Test
    void cancelWhileLoading_throwsAndLeavesNoWorker() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        long startNs = System.nanoTime();
        assertThrows(
                CancellationException.class,
                () -> compare("hang@load", Duration.ofSeconds(60), () -> asked.incrementAndGet() > 20));
        assertTrue(System.nanoTime() - startNs < 30e9, "cancel took longer than the hang's bound");
        // SIGKILL is asynchronous: give the kernel a moment to end the killed workers
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            child.onExit().get(5, TimeUnit.SECONDS);
        }
    }
}
