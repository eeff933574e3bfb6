package io.edgebench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.bench.FakeSession;
import io.edgebench.inputs.CountedListings;
import io.edgebench.inputs.TestFiles;
import io.edgebench.json.Json;
import io.edgebench.model.DType;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.BenchParams;
import io.edgebench.results.Delegate;
import io.edgebench.results.ErrorKind;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.InferenceRuntime;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.testkit.CliInputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WorkerMainTest {
    private static final TensorInfo IMAGE = new TensorInfo("image", DType.UINT8, List.of(1L, 4L, 4L, 3L), null, null);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private FakeSession session;
    private SessionOptions seenOptions;

    private WorkerMain worker(boolean rejectModel) {
        InferenceRuntime runtime = new InferenceRuntime() {
            @Override
            public RuntimeKind kind() {
                return RuntimeKind.TFLITE;
            }

            @Override
            public String version() {
                return "fake-1.0";
            }

            @Override
            public ModelSession open(Path model, SessionOptions options) {
                seenOptions = options;
                if (rejectModel) {
                    throw new ModelLoadException("Model [" + model + "] is not a TFLite flatbuffer (no \"TFL3\").");
                }
                session = new FakeSession(List.of(IMAGE), 100_000);
                return session;
            }
        };
        return new WorkerMain(new PrintStream(bytes, true, StandardCharsets.UTF_8), kind -> runtime);
    }

    private static BenchParams params() {
        return BenchParams.builder(Path.of("m.tflite"))
                .runtime(RuntimeKind.TFLITE)
                .delegate(Delegate.CPU)
                .threads(2)
                .warmupRuns(2)
                .warmupSeconds(0)
                .runs(20)
                .minSeconds(0)
                .maxSeconds(30)
                .seed(3)
                .onnxSpinning(true)
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(0)
                .build();
    }

    private List<WorkerMessage> messages() throws Exception {
        List<WorkerMessage> out = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            out.add(Json.mapper().readValue(line, WorkerMessage.class));
        }
        return out;
    }

    @Test
    void serve_bench_phasesThenOneBenchReport_sessionClosed() throws Exception {
        String request = Json.mapper().writeValueAsString(WorkerRequest.bench(params()));
        assertEquals(0, worker(false).serve(request));
        List<WorkerMessage> m = messages();
        List<String> phases = m.stream()
                .filter(x -> x.type() == WorkerMessage.Type.PHASE)
                .map(WorkerMessage::phase)
                .toList();
        assertEquals(List.of("load", "warmup", "run", "done"), phases);
        WorkerMessage last = m.get(m.size() - 1);
        assertEquals(WorkerMessage.Type.BENCH, last.type());
        BenchReport r = last.bench();
        assertEquals(20, r.measured().runs());
        assertEquals(11, r.loadUs());
        assertEquals(22, r.initUs());
        assertEquals("fake-1.0", r.runtimeVersion());
        assertEquals(List.of(1L, 4L, 4L, 3L), r.inputs().get(0).shape());
        assertTrue(r.peakRssBytes() > 10_000_000L, "peak rss " + r.peakRssBytes());
        assertTrue(session.closed);
        assertEquals(2, seenOptions.threads());
        assertTrue(seenOptions.onnxSpinning());
    }

    @Test
    void serve_modelRejected_errorOfKindModelWithTheMessage() throws Exception {
        String request = Json.mapper().writeValueAsString(WorkerRequest.bench(params()));
        assertEquals(0, worker(true).serve(request));
        WorkerMessage last = messages().get(messages().size() - 1);
        assertEquals(WorkerMessage.Type.ERROR, last.type());
        assertEquals(ErrorKind.MODEL, last.errorKind());
        assertEquals("Model [m.tflite] is not a TFLite flatbuffer (no \"TFL3\").", last.message());
    }

    @Test
    void serve_outputs_onePerSeed_followingTheSeed() throws Exception {
        String request = Json.mapper().writeValueAsString(WorkerRequest.outputs(params(), List.of(1L, 2L, 1L), 100));
        assertEquals(0, worker(false).serve(request));
        WorkerMessage last = messages().get(messages().size() - 1);
        OutputsReport r = last.outputs();
        assertNotNull(r, last.toString());
        assertEquals(List.of("sum"), r.outputNames());
        assertEquals(3, r.runs().size());
        float first = r.runs().get(0).outputs().get(0)[0];
        assertEquals(first, r.runs().get(2).outputs().get(0)[0]);
        assertTrue(first != r.runs().get(1).outputs().get(0)[0]);
    }

    @Test
    void outputs_seedsOfADirectory_listItOnce_eachSeedItsFile(@TempDir Path dir) throws Exception {
        List<String> names = List.of("a.png", "b.png", "c.png");
        for (int k = 0; k < names.size(); k++) {
            TestFiles.png(dir.resolve(names.get(k)), 4, 4, k);
        }
        BenchParams p = params().withInputs(CliInputs.plan(List.of(dir.toString()), List.of(), List.of(), List.of()));
        CountedListings counted = new CountedListings();
        OutputsReport r =
                WorkerMain.outputs(new FakeSession(List.of(IMAGE), 0), p, List.of(1L, 2L, 3L), 100, counted.listings);
        for (int k = 0; k < names.size(); k++) {
            assertEquals(names.get(k), r.runs().get(k).inputs().get(0).source().file());
        }
        assertEquals(1, counted.listed());
    }

    @Test
    void serve_debugCrashWithoutTheProperty_refused() throws Exception {
        String request =
                Json.mapper().writeValueAsString(WorkerRequest.bench(params()).withDebugCrash("sigsegv"));
        assertEquals(2, worker(false).serve(request));
        WorkerMessage last = messages().get(0);
        assertEquals(ErrorKind.INTERNAL, last.errorKind());
        assertTrue(last.message().contains("debug_crash is a test hook"), last.message());
    }

    @Test
    void serve_garbage_refusedWithoutRunning() throws Exception {
        assertEquals(2, worker(false).serve("{\"mode\":\"bench\",\"params\":{\"model\":\"m\"},\"nope\":1}"));
        assertEquals(WorkerMessage.Type.ERROR, messages().get(0).type());
    }

    @Test
    void serve_unknownOrMissingMode_namesTheValueAndTheChoices() throws Exception {
        String line = Json.mapper().writeValueAsString(WorkerRequest.bench(params()));
        assertEquals(2, worker(false).serve(line.replace("\"mode\":\"bench\"", "\"mode\":\"train\"")));
        String unknown = messages().get(0).message();
        assertTrue(unknown.contains("\"train\"") && unknown.contains("bench") && unknown.contains("rounds"), unknown);
        bytes.reset();
        assertEquals(2, worker(false).serve(line.replace("\"mode\":\"bench\",", "")));
        String missing = messages().get(0).message();
        assertTrue(missing.contains("mode is missing: expected bench, outputs or rounds"), missing);
    }
}
