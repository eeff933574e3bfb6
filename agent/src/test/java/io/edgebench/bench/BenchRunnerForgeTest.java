package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.cli.Main;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.worker.BenchListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Both runtimes end to end through real worker processes, on the forge's TFLite/ONNX pairs. */
@Timeout(180)
class BenchRunnerForgeTest {
    @TempDir
    static Path dir;

    static Forge.Result f32;
    static Forge.Result int8;

    private final BenchRunner runner = new BenchRunner();

    @BeforeAll
    static void forge() throws Exception {
        f32 = Forge.forge(ForgeSpec.tiny(), dir);
        int8 = Forge.forge(ForgeSpec.tiny().withQuantize(ForgeSpec.Quantize.INT8), dir);
    }

    private static BenchParams params(Path model, RuntimeKind runtime, Delegate delegate) {
        return BenchParams.builder(model)
                .runtime(runtime)
                .delegate(delegate)
                .threads(1)
                .warmupRuns(2)
                .warmupSeconds(0)
                .runs(20)
                .minSeconds(0)
                .maxSeconds(60)
                .seed(1)
                .onnxSpinning(false)
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(0)
                .build();
    }

    private BenchResult bench(Path model, RuntimeKind runtime, Delegate delegate) {
        return runner.run(params(model, runtime, delegate), RunTelemetry.OFF, BenchListener.NONE, () -> false);
    }

    @Test
    void tfliteXnnpack_ok_graphOnTheDelegate() {
        BenchResult r = bench(f32.tflite(), null, null);
        assertEquals(Status.OK, r.status(), r.error());
        assertEquals(RuntimeKind.TFLITE, r.runtime());
        assertEquals(Delegate.XNNPACK, r.delegate());
        assertEquals("2.21.0", r.runtimeVersion().substring(0, 6));
        assertTrue(r.delegation().delegatedNodes() > 0, r.delegation().toString());
        assertTrue(r.runs() >= 20);
    }

    @Test
    void tfliteBuiltinCpu_ok_nothingDelegated() {
        BenchResult r = bench(f32.tflite(), RuntimeKind.TFLITE, Delegate.CPU);
        assertEquals(Status.OK, r.status(), r.error());
        assertEquals(0, r.delegation().delegatedNodes());
        assertTrue(r.delegation().totalNodes() > 0);
    }

    @Test
    void int8Pair_bothRuntimes_ok() {
        BenchResult tfl = bench(int8.tflite(), null, Delegate.CPU);
        BenchResult onnx = bench(int8.onnx(), null, null);
        assertEquals(Status.OK, tfl.status(), tfl.error());
        assertEquals(Status.OK, onnx.status(), onnx.error());
        assertEquals(RuntimeKind.ONNX, onnx.runtime());
    }

    @Test
    void outputs_samePicture_sameAnswerFromTheNhwcTfliteAndTheNchwOnnx() {
        List<Long> seeds = List.of(3L, 4L);
        BenchRunner.Outputs tfl = runner.outputs(params(f32.tflite(), null, Delegate.CPU), seeds, 100_000, () -> false);
        BenchRunner.Outputs onnx = runner.outputs(params(f32.onnx(), null, null), seeds, 100_000, () -> false);
        assertNull(tfl.failure());
        assertNull(onnx.failure());
        assertEquals(f32.sidecar().toString().contains("NCHW"), true, "the forge's ONNX side is NCHW");
        for (int i = 0; i < seeds.size(); i++) {
            assertArrayEquals(
                    tfl.report().runs().get(i).outputs().get(0),
                    onnx.report().runs().get(i).outputs().get(0),
                    1e-3f,
                    "seed " + seeds.get(i));
        }
    }

    @Test
    void tfliteWorkerKilled_failed_thenTheNextTfliteRunIsFine() {
        BenchResult killed = runner.withDebugCrash("sigkill@warmup")
                .run(params(f32.tflite(), null, null), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals(Status.FAILED, killed.status());
        assertTrue(killed.error().startsWith("worker crashed (signal 9 SIGKILL)"), killed.error());
        assertTrue(killed.error().contains("while warming up"), killed.error());
        assertEquals(Status.OK, bench(f32.tflite(), null, null).status());
    }

    @Test
    void cli_tfliteJsonFile_hasEveryRequiredKey() throws Exception {
        Path json = dir.resolve("tfl.json");
        assertEquals(
                0,
                Main.run(
                        "bench",
                        "--quiet",
                        "--runs",
                        "10",
                        "--min-seconds",
                        "0",
                        "--threads",
                        "1",
                        "--delegate",
                        "cpu",
                        "--json",
                        json.toString(),
                        f32.tflite().toString()));
        BenchResultJsonTest.assertRequiredKeys(Json.mapper().readTree(json.toFile()));
    }
}
