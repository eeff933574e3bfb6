package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.Phase;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.worker.BenchListener;
import io.edgebench.worker.WorkerLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real worker processes that die for real: the runner reports them and keeps working. */
@Timeout(120)
class BenchRunnerIsolationTest {
    @TempDir
    Path dir;

    private BenchParams params() throws IOException {
        // The crash hooks fire before the model is opened; the file only has to exist (a TFLite header).
        Path model = Files.write(dir.resolve("m.tflite"), new byte[] {0x1c, 0, 0, 0, 'T', 'F', 'L', '3', 0, 0});
        return BenchParams.defaults(model);
    }

    private static BenchRunner runner(Duration loadAllowance) {
        return new BenchRunner(WorkerLaunch.sameJvm(), new BenchRunner.Limits(loadAllowance, Duration.ofSeconds(5)));
    }

    @Test
    void run_workerSegfaults_failedNamingTheSignalAndPhase_thenTheRunnerGoesOn() throws Exception {
        BenchRunner runner = runner(Duration.ofSeconds(60));
        BenchResult r =
                runner.withDebugCrash("sigsegv").run(params(), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals(Status.FAILED, r.status());
        assertEquals("crash", r.errorKind());
        assertTrue(r.error().startsWith("worker crashed (signal 11 SIGSEGV at pc=0x"), r.error());
        assertTrue(r.error().contains("JVM fatal error) while loading the model; problematic frame: "), r.error());
        assertTrue(r.error().contains("while loading the model"), r.error());
        assertFalse(r.stderrTail().isEmpty());
        assertNull(r.latencyUs());
        // the parent is fine and runs the next benchmark in a fresh worker
        BenchResult next =
                runner.withDebugCrash("sigkill").run(params(), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals(Status.FAILED, next.status());
    }

    @Test
    void run_workerKilled_failedWithSigkillAndTheHint() throws Exception {
        BenchResult r = runner(Duration.ofSeconds(60))
                .withDebugCrash("sigkill")
                .run(params(), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals(Status.FAILED, r.status());
        assertTrue(
                r.error()
                        .startsWith("worker crashed (signal 9 SIGKILL) (killed by another process or the kernel's"
                                + " OOM killer: see dmesg) while loading the model; last stderr: "),
                r.error());
        assertTrue(r.error().contains("debug_crash sigkill"), r.error());
    }

    @Test
    void run_workerHangs_watchdogKillsItWithinTheAllowance() throws Exception {
        long start = System.nanoTime();
        // 12 s: JVM start alone takes seconds when this 2-core machine is busy
        BenchResult r = runner(Duration.ofSeconds(12))
                .withDebugCrash("hang")
                .run(params(), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("timeout", r.errorKind());
        assertTrue(
                r.error()
                        .matches("worker did not finish within 1[23] s \\(stuck loading the model; load allowance"
                                + " 12 s\\); it was killed; last stderr: .*debug_crash hang.*"),
                r.error());
        assertTrue(seconds < 30, "took " + seconds + " s");
    }

    @Test
    void run_workerHeapExhausted_outOfMemory() throws Exception {
        BenchRunner runner = new BenchRunner(WorkerLaunch.sameJvm().withMaxHeap("32m"), BenchRunner.Limits.defaults());
        BenchResult r = runner.withDebugCrash("oom").run(params(), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals("out_of_memory", r.errorKind());
        assertTrue(r.error().startsWith("worker ran out of Java heap (-Xmx32m) while loading the model"), r.error());
    }

    @Test
    void run_cancelledDuringLoad_workerKilledAndStatusCancelled() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        List<String> phases = new CopyOnWriteArrayList<>();
        BenchListener listener = new BenchListener() {
            @Override
            public void onPhase(Phase phase) {
                phases.add(phase.id());
                cancel.set(true);
            }
        };
        BenchResult r = runner(Duration.ofSeconds(60))
                .withDebugCrash("hang")
                .run(params(), RunTelemetry.OFF, listener, cancel::get);
        assertEquals(Status.CANCELLED, r.status());
        assertEquals("cancelled while loading the model; the worker was killed", r.error());
        assertEquals(List.of("load"), phases);
    }

    @Test
    void run_modelMissing_failedAsModelErrorWithoutAWorker() {
        BenchResult r = runner(Duration.ofSeconds(60))
                .run(
                        BenchParams.defaults(dir.resolve("nope.tflite")),
                        RunTelemetry.OFF,
                        BenchListener.NONE,
                        () -> false);
        assertEquals("model", r.errorKind());
        assertTrue(r.error().startsWith("Model [" + dir.resolve("nope.tflite") + "] does not exist"), r.error());
    }
}
