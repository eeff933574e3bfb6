package io.edgebench.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.bench.BenchRunner;
import io.edgebench.calibrate.Calibration.Case;
import io.edgebench.calibrate.Calibration.CaseResult;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.stats.ConfidenceInterval;
import io.edgebench.testkit.SharedModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lanes run as their runtimes run (issue 20): on real third-party models, each lane's per-inference p50 through
 * edgebench (a worker process) against the bundled C baseline over the very same native library with the same
 * threads, warm-up and spinning, interleaved process by process. Prints every ratio with its 95 % interval over the
 * rounds. Asserts that no lane is shown to differ from its plain C loop by more than 3 % either way: the interval
 * must reach into 0.97..1.03 (a slower edgebench fails the upper side; a faster one means the two sides do not run
 * the same settings, and fails the lower side). The figures it printed are in docs/bench.md.
 */
@Tag("slow")
class RuntimeParityTest {
    private static final double MARGIN = 0.03;
    private static final int ROUNDS = 7;

    /** The models, one per lane kind: ONNX Runtime CPU EP, TFLite XNNPACK, TFLite builtin kernels. */
    private static final Map<Case, String> CASES = Map.of(
            new Case(RuntimeKind.ONNX, Delegate.CPU, 2), "face_detection_front_128x128_barracuda.onnx",
            new Case(RuntimeKind.TFLITE, Delegate.XNNPACK, 2), "face_detection_short_range.tflite",
            new Case(RuntimeKind.TFLITE, Delegate.CPU, 1), "mobilenet_v1_0.25_128_quant.tflite");

    @Test
    @Timeout(1200)
    void everyLane_isWithinThreePercentOfThePlainCLoop(@TempDir Path dir) throws Exception {
        List<Case> cases = new ArrayList<>(CASES.keySet());
        cases.sort((a, b) -> a.label().compareTo(b.label()));
        for (Case c : cases) {
            SharedModels.require(CASES.get(c)); // skips the test cleanly without the shared models
        }
        NativeBaseline baseline = NativeBaseline.extract(dir);
        Calibration.Plan plan = new Calibration.Plan(cases, ROUNDS, 300, 50);
        List<String> lines = new ArrayList<>();
        List<CaseResult> results = new Calibration(baseline, new BenchRunner())
                .run(plan, c -> SharedModels.dir().resolve(CASES.get(c)), r -> lines.add(line(r)));
        System.out.println("runtime parity, " + ROUNDS + " interleaved rounds per lane, "
                + Runtime.getRuntime().availableProcessors() + " CPUs:");
        lines.forEach(System.out::println);

        assertEquals(cases.size(), results.size());
        for (CaseResult r : results) {
            ConfidenceInterval ci = r.ratioCi();
            assertNotNull(ci, line(r));
            assertTrue(ci.low() <= 1 + MARGIN, "edgebench is slower than the C loop by more than 3 %: " + line(r));
            assertTrue(
                    ci.high() >= 1 - MARGIN,
                    "edgebench is faster than the C loop by more than 3 %, so the two"
                            + " sides do not run the same settings: " + line(r));
        }
    }

    private static String line(CaseResult r) {
        ConfidenceInterval ci = r.ratioCi();
        return String.format(
                Locale.ROOT,
                "  %-45s %-15s threads %d: edgebench p50 %9.1f us, C %9.1f us (medians of"
                        + " rounds), ratio %.4f, 95 %% CI %s, per-round ratios %s",
                CASES.get(r.c()),
                r.c().label(),
                r.c().threads(),
                r.edgebenchMedianUs(),
                r.nativeMedianUs(),
                r.ratio(),
                ci == null ? "-" : String.format(Locale.ROOT, "%.4f-%.4f", ci.low(), ci.high()),
                perRound(r));
    }

    private static String perRound(CaseResult r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.edgebenchUs().size(); i++) {
            out.add(String.format(
                    Locale.ROOT, "%.3f", r.edgebenchUs().get(i) / r.nativeUs().get(i)));
        }
        return String.join(" ", out);
    }
}
