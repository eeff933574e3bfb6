package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.interference.ProcReader;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.Delegate;
import io.edgebench.results.MeasureOptions;
import io.edgebench.results.RuntimeKind;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.worker.BenchListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * --cpus end to end: the worker pins itself through the JNI shim and reports the Cpus_allowed_list it then reads
 * from /proc/PID/status; a CPU it may not use is refused with the list it may.
 */
@Timeout(180)
class CpuPinningTest {
    @TempDir
    static Path dir;

    private static BenchResult bench(Path model, List<Integer> cpus) {
        BenchParams p = BenchParams.builder(model)
                .runtime(RuntimeKind.TFLITE)
                .delegate(Delegate.XNNPACK)
                .threads(2)
                .warmupRuns(2)
                .warmupSeconds(0)
                .runs(10)
                .minSeconds(0)
                .maxSeconds(30)
                .seed(1)
                .onnxSpinning(false)
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(0)
                .measure(MeasureOptions.defaults().withCpus(cpus))
                .build();
        return new BenchRunner().run(p, RunTelemetry.OFF, BenchListener.NONE, () -> false);
    }

    @Test
    void pinnedToTheLastAllowedCpu_workerReportsExactlyThatCpu() throws Exception {
        Path model = Forge.forge(ForgeSpec.tiny(), dir).tflite();
        List<Integer> mine =
                ProcReader.host().allowedCpus(ProcessHandle.current().pid());
        int last = mine.get(mine.size() - 1);
        BenchResult r = bench(model, List.of(last));
        assertEquals(Status.OK, r.status(), r.error());
        assertEquals(
                Integer.toString(last),
                r.conditions().cpus().allowed(),
                r.conditions().cpus().toString());
        assertEquals(List.of(last), r.conditions().cpus().requested());
        assertEquals(1, r.conditions().cpus().cores().size());
        // unpinned, the worker may use everything this test process may
        BenchResult free = bench(model, List.of());
        assertEquals(
                io.edgebench.cpu.CpuList.format(mine), free.conditions().cpus().allowed());
    }

    @Test
    void cpuNotAllowed_failsWithTheAllowedList() throws Exception {
        Path model = Forge.forge(ForgeSpec.tiny(), dir).tflite();
        BenchResult r = bench(model, List.of(1000));
        assertEquals(Status.FAILED, r.status());
        assertTrue(
                r.error().startsWith("cpus [1000]: cpu 1000 is not among the CPUs this process may use ["), r.error());
    }
}
