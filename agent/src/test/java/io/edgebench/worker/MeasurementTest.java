package io.edgebench.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.bench.FakeSession;
import io.edgebench.model.DType;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.BenchParams;
import io.edgebench.worker.Measurement.Measured;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MeasurementTest {
    private static final TensorInfo IMAGE = new TensorInfo("image", DType.FLOAT32, List.of(1L, 4L, 4L, 3L), null, null);

    private static BenchParams params(int warmupRuns, double warmupS, int runs, double minS, double maxS) {
        BenchParams d = BenchParams.defaults(Path.of("fake.tflite"));
        return BenchParams.builder(d.model())
                .threads(1)
                .warmupRuns(warmupRuns)
                .warmupSeconds(warmupS)
                .runs(runs)
                .minSeconds(minS)
                .maxSeconds(maxS)
                .seed(5)
                .onnxSpinning(false)
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(0)
                .build();
    }

    @Test
    void measure_runsBound_exactRunCountAndPhasesInOrder() {
        FakeSession s = new FakeSession(List.of(IMAGE), 200_000);
        List<String> phases = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        Measured m = Measurement.measure(s, params(3, 0, 40, 0, 60), done, p -> phases.add(p.id()));
        assertEquals(List.of("warmup", "run"), phases);
        assertEquals(40, m.runs());
        assertEquals(40, done.get());
        assertEquals(3, m.warmup().runs());
        assertEquals(1 + 3 + 40, s.runCalls);
        // each run busy-waits 200 us: the loop adds almost nothing
        assertTrue(
                m.latencyUs().min() >= 200 && m.latencyUs().p50() < 1_000,
                m.latencyUs().toString());
        long windowNs = m.timedWindow().endNs() - m.timedWindow().startNs();
        assertTrue(windowNs >= 40 * 200_000L, "window " + windowNs);
        assertEquals(40 / (windowNs / 1e9), m.throughputIps(), 1e-6);
    }

    @Test
    void measure_minSecondsBound_keepsRunningPastTheCount() {
        FakeSession s = new FakeSession(List.of(IMAGE), 1_000_000);
        Measured m = Measurement.measure(s, params(0, 0, 5, 0.3, 60), new AtomicLong(), p -> {});
        assertTrue(m.runs() > 5, "runs " + m.runs());
        assertEquals(0, m.warmup().runs());
        assertTrue(m.timedWindow().endNs() - m.timedWindow().startNs() >= 300_000_000L);
    }

    @Test
    void measure_maxSecondsBound_stopsBeforeTheCount() {
        FakeSession s = new FakeSession(List.of(IMAGE), 2_000_000);
        Measured m = Measurement.measure(s, params(0, 0, 100_000, 0, 0.2), new AtomicLong(), p -> {});
        long windowNs = m.timedWindow().endNs() - m.timedWindow().startNs();
        // stops at the first run ending after 0.2 s (this machine is shared: assert on time, not on counts)
        assertTrue(m.runs() < 100_000 && windowNs >= 200_000_000L, "runs " + m.runs() + " window " + windowNs);
        assertTrue(windowNs - (long) (m.latencyUs().max() * 1e3) < 200_000_000L, "window " + windowNs);
    }

    @Test
    void measure_warmupSeconds_laterThanWarmupRuns() {
        FakeSession s = new FakeSession(List.of(IMAGE), 1_000_000);
        Measured m = Measurement.measure(s, params(2, 0.2, 1, 0, 60), new AtomicLong(), p -> {});
        assertTrue(m.warmup().runs() > 2, "warmup runs " + m.warmup().runs());
        assertTrue(m.warmup().meanUs() >= 1_000, "warmup mean " + m.warmup().meanUs());
    }

    @Test
    void fillInputs_staticShape_feedsGeneratorValues() {
        FakeSession s = new FakeSession(List.of(IMAGE), 0);
        var used = Measurement.fillInputs(s, params(0, 0, 1, 0, 1), 5);
        assertEquals(List.of(1L, 4L, 4L, 3L), used.get(0).shape());
        assertEquals(48, s.fed.get(0).length);
        assertEquals(new InputGenerator(5).values(0, IMAGE, IMAGE.shape())[7], s.fed.get(0)[7]);
    }

    @Test
    void fillInputs_twoDynamicInputsWithoutShapes_bothNamedInOneError() {
        TensorInfo x = new TensorInfo(
                "x", DType.FLOAT32, List.of(-1L, 3L, 8L, 8L), java.util.Arrays.asList("batch", null, null, null), null);
        TensorInfo state = new TensorInfo(
                "state", DType.FLOAT32, List.of(2L, -1L, 128L), java.util.Arrays.asList(null, "n", null), null);
        FakeSession s = new FakeSession(List.of(x, state), 0);
        ModelLoadException e =
                assertThrows(ModelLoadException.class, () -> Measurement.fillInputs(s, params(0, 0, 1, 0, 1), 1));
        assertTrue(e.getMessage().startsWith("2 inputs have dynamic dims: [x] [batch] "), e.getMessage());
        assertTrue(
                e.getMessage()
                        .endsWith("; pass a concrete shape for each, e.g. --input-shape x=Nx3x8x8 --input-shape"
                                + " state=2xNx128"),
                e.getMessage());
    }

    @Test
    void fillInputs_dynamicDimWithoutShape_namesTheDimAndTheFlag() {
        TensorInfo x = new TensorInfo(
                "x",
                DType.FLOAT32,
                List.of(-1L, 3L, -1L, -1L),
                java.util.Arrays.asList("batch", null, "height", "width"),
                null);
        FakeSession s = new FakeSession(List.of(x), 0);
        ModelLoadException e =
                assertThrows(ModelLoadException.class, () -> Measurement.fillInputs(s, params(0, 0, 1, 0, 1), 1));
        assertEquals(
                "Input [x] has dynamic dims [batch, height, width] [batch, 3, height, width]; pass a concrete"
                        + " shape with --input-shape x=Nx3xNxN",
                e.getMessage());
    }

    @Test
    void fillInputs_dynamicDimWithShape_usesIt_andRejectsContradictions() {
        TensorInfo x = new TensorInfo("x", DType.FLOAT32, List.of(-1L, 3L, -1L, -1L), null, null);
        BenchParams d = params(0, 0, 1, 0, 1);
        BenchParams withShape = BenchParams.builder(d.model())
                .threads(1)
                .warmupRuns(0)
                .warmupSeconds(0)
                .runs(1)
                .minSeconds(0)
                .maxSeconds(1)
                .inputShapes(Map.of("x", List.of(2L, 3L, 48L, 192L)))
                .seed(1)
                .onnxSpinning(false)
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(0)
                .build();
        FakeSession s = new FakeSession(List.of(x), 0);
        assertEquals(2 * 3 * 48 * 192, Measurement.fillInputs(s, withShape, 1).size() * 0 + s.fed.get(0).length);
        BenchParams wrong = BenchParams.builder(d.model())
                .threads(1)
                .warmupRuns(0)
                .warmupSeconds(0)
                .runs(1)
                .minSeconds(0)
                .maxSeconds(1)
                .inputShapes(Map.of("x", List.of(2L, 4L, 48L, 192L)))
                .seed(1)
                .onnxSpinning(false)
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(0)
                .build();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Measurement.fillInputs(s, wrong, 1));
        assertTrue(e.getMessage().contains("dim 1 [4] contradicts the model's fixed size 3"), e.getMessage());
    }
}
