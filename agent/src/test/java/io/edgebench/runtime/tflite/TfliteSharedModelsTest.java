package io.edgebench.runtime.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgebench.model.ModelLoadException;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.testkit.SharedModels;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real third-party models from ../shared/models; every test here skips when the folder is absent. */
@Timeout(120)
class TfliteSharedModelsTest {
    /** Models the stock interpreter cannot run, by design (MANIFEST.tsv notes). */
    private static final Set<String> NOT_RUNNABLE =
            Set.of("selfie_segmentation.tflite", "posenet_mobilenet_v1_075_353_481_16_quant_decoder.tflite");

    private final TfliteRuntime runtime = new TfliteRuntime();

    static Stream<Arguments> runnable() throws Exception {
        assumeTrue(!SharedModels.tflite().isEmpty(), "no shared models in " + SharedModels.dir());
        return SharedModels.tflite().stream()
                .filter(p -> !NOT_RUNNABLE.contains(p.getFileName().toString()))
                .filter(p -> !p.getFileName().toString().endsWith("_edgetpu.tflite"))
                .flatMap(p -> Stream.of(Arguments.of(p, Delegate.CPU), Arguments.of(p, Delegate.XNNPACK)));
    }

    static Stream<Path> edgetpuCompiled() throws Exception {
        assumeTrue(!SharedModels.tflite().isEmpty(), "no shared models in " + SharedModels.dir());
        return SharedModels.tflite().stream()
                .filter(p -> p.getFileName().toString().endsWith("_edgetpu.tflite"));
    }

    private static SessionOptions options(Delegate delegate, int threads) {
        return SessionOptions.of(RuntimeKind.TFLITE, delegate, threads);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runnable")
    void runnableModel_loadsAndRuns(Path model, Delegate delegate) {
        try (ModelSession session = runtime.open(model, options(delegate, 2))) {
            for (int i = 0; i < session.inputs().size(); i++) {
                TensorInfo in = session.inputs().get(i);
                session.setInput(i, new float[(int) in.elementCount()]);
            }
            session.run();
            session.run();
            assertTrue(session.output(0).length > 0);
            if (delegate == Delegate.CPU) {
                assertEquals(0, session.delegation().delegatedNodes());
            } else {
                assertTrue(
                        session.delegation().delegatedNodes() > 0,
                        session.delegation().toString());
            }
        }
    }

    @Test
    void mobilenetQuant_inputsMatchManifest_andXnnpackTakes29Of31() {
        Path model = SharedModels.require("mobilenet_v1_0.25_128_quant.tflite");
        try (ModelSession session = runtime.open(model, options(Delegate.XNNPACK, 1))) {
            TensorInfo in = session.inputs().get(0);
            assertEquals("input", in.name());
            assertEquals(0.0078125, in.quantization().scale(), 1e-9);
            assertEquals(128, in.quantization().zeroPoint());
            assertEquals(31, session.delegation().totalNodes());
            assertEquals(29, session.delegation().delegatedNodes());
        }
    }

    @Test
    void faceDetection_xnnpackTakesAll164() {
        Path model = SharedModels.require("face_detection_short_range.tflite");
        try (ModelSession session = runtime.open(model, options(Delegate.XNNPACK, 1))) {
            assertEquals(164, session.delegation().delegatedNodes());
            assertTrue(session.delegation().isFull());
        }
    }

    @Test
    void selfieSegmentation_runsWithXnnpack_failsOnCpuNamingTheOp() {
        Path model = SharedModels.require("selfie_segmentation.tflite");
        try (ModelSession session = runtime.open(model, options(Delegate.XNNPACK, 2))) {
            session.setInput(0, new float[256 * 256 * 3]);
            session.run();
            assertEquals(256 * 256, session.output(0).length);
        }
        ModelLoadException e =
                assertThrows(ModelLoadException.class, () -> runtime.open(model, options(Delegate.CPU, 1)));
        assertTrue(
                e.getMessage().contains("Encountered unresolved custom op: Convolution2DTransposeBias"),
                e.getMessage());
        assertTrue(e.getMessage().contains("use --delegate xnnpack"), e.getMessage());
    }

    @Test
    void posenet_failsNamingPosenetDecoderOp() {
        Path model = SharedModels.require("posenet_mobilenet_v1_075_353_481_16_quant_decoder.tflite");
        for (Delegate delegate : new Delegate[] {Delegate.CPU, Delegate.XNNPACK}) {
            ModelLoadException e =
                    assertThrows(ModelLoadException.class, () -> runtime.open(model, options(delegate, 1)));
            assertTrue(e.getMessage().contains("unresolved custom op: PosenetDecoderOp"), e.getMessage());
            assertTrue(e.getMessage().contains("not in the stock TFLite interpreter"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("edgetpuCompiled")
    void edgetpuCompiled_failsNamingTheOpWithHint(Path model) {
        ModelLoadException e =
                assertThrows(ModelLoadException.class, () -> runtime.open(model, options(Delegate.CPU, 1)));
        assertTrue(e.getMessage().contains("unresolved custom op: edgetpu-custom-op"), e.getMessage());
        assertTrue(e.getMessage().contains("compiled for the Edge TPU"), e.getMessage());
    }

    @Test
    void xnnpackHonoursThreads_workerThreadsAppear() throws Exception {
        Path model = SharedModels.require("face_detection_short_range.tflite");
        assumeTrue(java.nio.file.Files.isDirectory(Path.of("/proc/self/task")), "needs Linux /proc");
        int before = Path.of("/proc/self/task").toFile().list().length;
        try (ModelSession session = runtime.open(model, options(Delegate.XNNPACK, 4))) {
            session.run();
            int after = Path.of("/proc/self/task").toFile().list().length;
            // XNNPACK's pthreadpool starts threads-1 workers when the delegate is created
            assertTrue(after - before >= 3, "threads before " + before + ", after " + after);
        }
    }
}
