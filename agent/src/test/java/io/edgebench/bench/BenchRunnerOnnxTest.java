package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.DType;
import io.edgebench.model.TensorInfo;
import io.edgebench.model.onnx.TinyOnnx;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.Delegate;
import io.edgebench.results.MeasureOptions;
import io.edgebench.results.Phase;
import io.edgebench.results.RuntimeKind;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.worker.BenchListener;
import io.edgebench.worker.InputGenerator;
import io.edgebench.worker.OutputsReport;
import io.edgebench.worker.WorkerLaunch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime end to end through a real worker process, on models the tests write themselves. */
@Timeout(120)
class BenchRunnerOnnxTest {
    @TempDir
    Path dir;

    private final BenchRunner runner = new BenchRunner();

    private BenchParams params(Path model, Map<String, List<Long>> shapes) {
        // about the ONNX path, not about how busy the machine is: interference is reported, not judged
        return BenchParams.builder(model)
                .threads(1)
                .warmupRuns(3)
                .warmupSeconds(0)
                .runs(30)
                .minSeconds(0)
                .maxSeconds(60)
                .inputShapes(shapes)
                .seed(7)
                .onnxSpinning(false)
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(0)
                .build()
                .toBuilder()
                .measure(MeasureOptions.ignoringInterference())
                .build();
    }

    private Path mlp(Object batch) throws Exception {
        return Files.write(dir.resolve("mlp.onnx"), TinyOnnx.mlp(batch));
    }

    @Test
    void run_staticMlp_okWithEveryRequiredKeyAndThePhases() throws Exception {
        List<String> phases = new CopyOnWriteArrayList<>();
        BenchListener listener = new BenchListener() {
            @Override
            public void onPhase(Phase phase) {
                phases.add(phase.id());
            }
        };
        BenchResult r = runner.run(params(mlp(1L), Map.of()), RunTelemetry.OFF, listener, () -> false);
        assertEquals(Status.OK, r.status(), r.error());
        assertEquals(List.of("load", "warmup", "run", "done"), phases);
        assertEquals(RuntimeKind.ONNX, r.runtime());
        assertEquals(Delegate.CPU, r.delegate());
        assertEquals("1.29.0", r.runtimeVersion());
        assertTrue(r.runs() >= 30, "runs " + r.runs());
        assertEquals(3, r.warmup().runs());
        assertTrue(
                r.latencyUs().min() > 0 && r.latencyUs().min() <= r.latencyUs().p50());
        assertTrue(r.peakRssBytes() > 20_000_000L, "peak rss " + r.peakRssBytes());
        // what opening the model added, beside the process peak: positive, and well below the whole JVM's peak
        assertTrue(
                r.loadRssBytes() != null && r.loadRssBytes() > 0 && r.loadRssBytes() < r.peakRssBytes() / 2,
                "load rss " + r.loadRssBytes() + " of peak " + r.peakRssBytes());
        assertEquals(List.of(1L, 4L), r.inputs().get(0).shape());
        assertTrue(r.valid());
        BenchResultJsonTest.assertRequiredKeys(
                Json.mapper().readTree(Json.mapper().writeValueAsString(r)));
    }

    @Test
    void run_dynamicDimWithoutShape_failedAsModelErrorNamingTheDim() throws Exception {
        BenchResult r = runner.run(params(mlp("batch"), Map.of()), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals(Status.FAILED, r.status());
        assertEquals("model", r.errorKind());
        assertTrue(r.error().contains("batch") && r.error().contains("--input-shape X="), r.error());
    }

    @Test
    void run_dynamicDimWithShape_usesIt() throws Exception {
        BenchResult r = runner.run(
                params(mlp("batch"), Map.of("X", List.of(8L, 4L))), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals(Status.OK, r.status(), r.error());
        assertEquals(List.of(8L, 4L), r.inputs().get(0).shape());
    }

    @Test
    void run_notAModel_failedAsModelErrorWithoutStartingAWorker() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "PK\u0003\u0004 this is a zip, not a model");
        BenchResult r = runner.run(params(junk, Map.of()), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals("model", r.errorKind());
        assertTrue(r.error().startsWith("Model [" + junk + "] is neither TFLite"), r.error());
    }

    @Test
    void run_crashDuringTimedLoop_failed_thenTheSameRunnerBenchmarksFine() throws Exception {
        Path model = mlp(1L);
        BenchResult crashed = runner.withDebugCrash("sigsegv@run")
                .run(params(model, Map.of()), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals(Status.FAILED, crashed.status());
        assertTrue(crashed.error().startsWith("worker crashed (signal 11 SIGSEGV"), crashed.error());
        assertTrue(crashed.error().contains("while running the timed inferences"), crashed.error());
        BenchResult next = runner.run(params(model, Map.of()), RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals(Status.OK, next.status(), next.error());
    }

    @Test
    void run_hangDuringTimedLoop_watchdogUsesMaxSecondsPlusGrace() throws Exception {
        BenchRunner strict = new BenchRunner(
                WorkerLaunch.sameJvm(), new BenchRunner.Limits(Duration.ofSeconds(60), Duration.ofSeconds(3)));
        BenchParams p = BenchParams.builder(mlp(1L))
                .threads(1)
                .warmupRuns(0)
                .warmupSeconds(0)
                .runs(10)
                .minSeconds(0)
                .maxSeconds(1)
                .seed(1)
                .onnxSpinning(false)
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(0)
                .build();
        BenchResult r = strict.withDebugCrash("hang@run").run(p, RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals("timeout", r.errorKind());
        assertTrue(
                r.error().contains("(stuck running the timed inferences; max_seconds 1.0 + 3 s grace for run)"),
                r.error());
    }

    @Test
    void outputs_perSeed_matchTheReferenceOnTheGeneratedInputs() throws Exception {
        BenchRunner.Outputs out = runner.outputs(params(mlp(1L), Map.of()), List.of(1L, 2L, 1L), 1000, () -> false);
        assertNull(out.failure());
        OutputsReport r = out.report();
        assertNotNull(r);
        assertEquals(List.of("Y"), r.outputNames());
        TensorInfo x = new TensorInfo("X", DType.FLOAT32, List.of(1L, 4L), null, null);
        for (OutputsReport.SeedOutputs run : r.runs()) {
            float[] fed = new InputGenerator(run.seed()).values(0, x, x.shape());
            assertArrayEquals(TinyOnnx.mlpReference(fed), run.outputs().get(0), 1e-5f, "seed " + run.seed());
        }
    }

    @Test
    void cli_jsonFile_hasEveryRequiredKey() throws Exception {
        Path json = dir.resolve("r.json");
        int code = io.edgebench.cli.Main.run(
                "bench",
                "--quiet",
                "--runs",
                "20",
                "--min-seconds",
                "0",
                "--json",
                json.toString(),
                mlp(1L).toString());
        assertEquals(0, code);
        JsonNode node = Json.mapper().readTree(json.toFile());
        BenchResultJsonTest.assertRequiredKeys(node);
        assertEquals("onnx", node.get("runtime").asText());
    }

    @Test
    void cli_dynamicDimWithoutShape_exit65() throws Exception {
        assertEquals(
                65, io.edgebench.cli.Main.run("bench", "--quiet", mlp("batch").toString()));
    }
}
