package io.edgebench.telemetry;

import io.edgebench.bench.BenchRunner;
import io.edgebench.config.ProfileLoader;
import io.edgebench.config.SystemRoots;
import io.edgebench.model.forge.Arch;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.worker.BenchListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The telemetry overhead benchmark (docs/telemetry.md): the same forged model benchmarked with sampling off and
 * at 100 Hz, interleaved (off, on, on, off, ...) so drift in a shared machine hits both alike; prints the median of
 * the per-run p50 latencies of each arm and their ratio. Two sampler loads: this host's real sources, and the
 * rpi4 fixture tree (thermal, hwmon, 4 cpufreq files, get_throttled, /proc/stat read at 100 Hz, like a Pi 4).
 *
 * <p>Run: java -cp agent/target/test-classes:agent/target/classes:$(deps) io.edgebench.telemetry.TelemetryOverheadMain
 * [pairs] [runs] (defaults 8 pairs, 300 timed runs each, 2 threads).
 */
public final class TelemetryOverheadMain {
    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Files.createTempDirectory("edgebench-overhead");
        Path model = Forge.forge(
                        ForgeSpec.of(Arch.parse("mobilenet-v1"), 0.25, 128, null, ForgeSpec.Quantize.NONE, 1), dir)
                .tflite();
        Path fixture =
                Path.of(TelemetryOverheadMain.class.getResource("/sysfs/rpi4").toURI());
        BenchParams p = BenchParams.builder(model)
                .threads(2)
                .warmupRuns(20)
                .warmupSeconds(0.5)
                .runs(runs)
                .minSeconds(1.0)
                .maxSeconds(60)
                .seed(1)
                .onnxSpinning(false)
                .requireFullDelegation(false)
                .sampleHz(100)
                .cooldownMaxSeconds(300)
                .build();
        System.out.printf(
                "model %s, %d timed runs per benchmark, %d threads, %d interleaved pairs per load%n",
                model.getFileName(), runs, p.threads(), pairs);
        measure("host sources (" + hostSources() + ")", pairs, p, () -> TelemetryFactory.forHost(100, null));
        measure(
                "rpi4 fixture tree (7 files + /proc/stat)",
                pairs,
                p,
                () -> TelemetryFactory.forRun(
                        100,
                        new ProfileLoader(null).named("rpi4"),
                        SystemRoots.under(fixture),
                        new RecordedCommands(fixture.resolve("commands")),
                        SampledRunTelemetry.DEFAULT_BASELINE));
    }

    private static String hostSources() {
        try (SensorSet s = TelemetryFactory.discover(
                new ProfileLoader(null).named("x86-dev"), SystemRoots.host(), CommandRunner.PROCESS)) {
            return String.join(", ", s.sourceNames());
        }
    }

    private static void measure(String load, int pairs, BenchParams p, Supplier<RunTelemetry> telemetry) {
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        BenchRunner runner = new BenchRunner();
        for (int i = 0; i < pairs; i++) {
            boolean offFirst = i % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean sampling = (k == 0) != offFirst;
                BenchResult r =
                        runner.run(p, sampling ? telemetry.get() : RunTelemetry.OFF, BenchListener.NONE, () -> false);
                if (!r.ok()) {
                    throw new IllegalStateException("benchmark failed: " + r.error());
                }
                (sampling ? on : off).add(r.latencyUs().p50());
                if (sampling && r.telemetry() != null) {
                    System.out.printf(
                            Locale.ROOT,
                            "  pair %d: on  p50 %.1f us, %d samples%n",
                            i,
                            r.latencyUs().p50(),
                            r.telemetry().samples());
                } else {
                    System.out.printf(
                            Locale.ROOT,
                            "  pair %d: off p50 %.1f us%n",
                            i,
                            r.latencyUs().p50());
                }
            }
        }
        double mOff = median(off);
        double mOn = median(on);
        System.out.printf(
                Locale.ROOT,
                "%s: median p50 off %.1f us, 100 Hz %.1f us, ratio %.4f (%+.2f%%)%n",
                load,
                mOff,
                mOn,
                mOn / mOff,
                (mOn / mOff - 1) * 100);
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private TelemetryOverheadMain() {}
}
