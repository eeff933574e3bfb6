package io.edgebench.telemetry;

import io.edgebench.config.ProfileLoader;
import io.edgebench.config.SystemRoots;
import io.edgebench.model.forge.Arch;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.runtime.tflite.TfliteRuntime;
import io.edgebench.telemetry.cpu.CpuUtilCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Sampling at 100 Hz vs off, interleaved finely (docs/telemetry.md): one forged MobileNet session, timed in blocks
 * of {@code runs} inferences, blocks alternating off/on in ABBA order so load drift on a shared machine hits both
 * arms alike. "On" blocks run the sampler over the rpi4 fixture tree plus this host's /proc/stat. Prints the median
 * of the block medians per arm, their ratio, and the median of the per-pair ratios.
 *
 * <p>Args: [pairs=40] [runs per block=200] [threads=2] [empty: a sampler without sources].
 */
public final class SamplingInterferenceMain {
    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        boolean empty = args.length > 3 && args[3].equals("empty"); // the sampler's wake-ups alone, no reads
        Path dir = Files.createTempDirectory("edgebench-interference");
        Path model = Forge.forge(
                        ForgeSpec.of(Arch.parse("mobilenet-v1"), 0.25, 128, null, ForgeSpec.Quantize.NONE, 1), dir)
                .tflite();
        Path fixture = Path.of(
                SamplingInterferenceMain.class.getResource("/sysfs/rpi4").toURI());
        SensorSet.Builder b = new SensorSet.Builder();
        SensorSet rpi4 = TelemetryFactory.discover(
                new ProfileLoader(null).named("rpi4"),
                SystemRoots.under(fixture),
                new RecordedCommands(fixture.resolve("commands")));
        rpi4.collectors().stream().filter(c -> !c.source().equals("cpu_util")).forEach(b::add);
        CpuUtilCollector.probe(SystemRoots.host(), b);
        SensorSet sensors = empty ? new SensorSet.Builder().build() : b.build();
        try (ModelSession s =
                new TfliteRuntime().open(model, SessionOptions.of(RuntimeKind.TFLITE, Delegate.XNNPACK, threads))) {
            s.setInput(0, new float[(int) s.inputs().get(0).elementCount()]);
            block(s, runs * 2); // warm-up
            List<Double> off = new ArrayList<>();
            List<Double> on = new ArrayList<>();
            List<Double> pairRatios = new ArrayList<>();
            long samples = 0;
            for (int i = 0; i < pairs; i++) {
                double offP50 = 0;
                double onP50 = 0;
                for (int k = 0; k < 2; k++) {
                    boolean sampling = (k == 0) == (i % 2 == 1); // off,on / on,off / off,on ...
                    Sampler sampler = sampling ? new Sampler(sensors.collectors(), 100, 100_000) : null;
                    if (sampler != null) {
                        sampler.start();
                    }
                    double p50 = block(s, runs);
                    if (sampler != null) {
                        sampler.stop();
                        samples += sampler.ticks();
                        onP50 = p50;
                    } else {
                        offP50 = p50;
                    }
                }
                off.add(offP50);
                on.add(onP50);
                pairRatios.add(onP50 / offP50);
            }
            double mOff = median(off);
            double mOn = median(on);
            System.out.printf(
                    Locale.ROOT,
                    "model %s, %d threads, %d pairs of %d-run blocks, sources %s, %d sampler" + " ticks%n",
                    model.getFileName(),
                    threads,
                    pairs,
                    runs,
                    sensors.sourceNames(),
                    samples);
            System.out.printf(
                    Locale.ROOT,
                    "median of block p50s: off %.1f us, 100 Hz %.1f us, ratio %.4f (%+.2f%%);"
                            + " median per-pair ratio %.4f (%+.2f%%)%n",
                    mOff,
                    mOn,
                    mOn / mOff,
                    (mOn / mOff - 1) * 100,
                    median(pairRatios),
                    (median(pairRatios) - 1) * 100);
        } finally {
            sensors.close();
            rpi4.close();
        }
    }

    /** Median latency in us over {@code runs} back-to-back inferences. */
    private static double block(ModelSession s, int runs) {
        double[] us = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            s.run();
            us[i] = (System.nanoTime() - t) / 1e3;
        }
        Arrays.sort(us);
        return us[runs / 2];
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private SamplingInterferenceMain() {}
}
