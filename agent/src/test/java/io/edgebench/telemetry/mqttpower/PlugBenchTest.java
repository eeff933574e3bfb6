package io.edgebench.telemetry.mqttpower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.bench.BenchRunner;
import io.edgebench.config.DeviceProfile;
import io.edgebench.config.MqttPowerSpec;
import io.edgebench.config.ProfileDetector;
import io.edgebench.config.SystemRoots;
import io.edgebench.link.PahoPowerLinks;
import io.edgebench.model.forge.Arch;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.Delegate;
import io.edgebench.results.EnergyReport;
import io.edgebench.results.Phase;
import io.edgebench.telemetry.RecordedCommands;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.telemetry.TelemetryFactory;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.worker.BenchListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Energy from a smart plug through the real path: a simulated plug publishing a programmed power profile at 1 Hz on
 * a real mosquitto, the agent's MQTT power source subscribed through a Paho broker link, a forged model benchmarked
 * in a real worker process; the sampler reads the bare-vm fixture tree otherwise (no on-board power source).
 */
@Tag("slow")
@Timeout(300)
class PlugBenchTest {
    static final long T0 = System.nanoTime();
    /** A board around 4 W, breathing with a 17 s period and drifting up by 10 mW/s. */
    static final LongToDoubleFunction PROFILE = t -> {
        double s = (t - T0) * 1e-9;
        return 4.0 + 0.8 * Math.sin(2 * Math.PI * s / 17) + 0.01 * s;
    };

    @TempDir
    static Path dir;

    static MosquittoBroker broker;
    static Path model;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("mosquitto"));
        // slow enough that a 60 s window stays below BenchParams.MAX_RUNS inferences (the tiny model does 100k in 1 s)
        model = Forge.forge(ForgeSpec.of(Arch.MOBILENET_V1, 0.25, 96, 10, ForgeSpec.Quantize.NONE, 1), dir)
                .tflite();
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void tasmotaAndShellyAt1Hz_60sBench_energyWithin2Percent_andTheStatedUncertaintyContainsIt() throws Exception {
        // two plugs, two benches at once: independent topics, workers and samplers; the truth of each is its window
        CompletableFuture<BenchResult> tasmota = CompletableFuture.supplyAsync(
                () -> bench(PlugPublisher.Format.TASMOTA, "tasmota", "plug-a", 60, 90, null));
        CompletableFuture<BenchResult> shelly = CompletableFuture.supplyAsync(
                () -> bench(PlugPublisher.Format.SHELLY_GEN1, "shelly_gen1", "shellyplug-s-b", 60, 90, null));
        for (BenchResult r : List.of(tasmota.get(), shelly.get())) {
            assertTrue(r.ok(), r.error());
            EnergyReport e = r.telemetry().energy();
            assertNotNull(e, r.telemetry().absent().toString());
            assertEquals("mqtt_power", e.powerSource());
            assertTrue(e.valid(), e.invalidReasons().toString());
            double truthMj = PlugPublisher.energyMj(
                    PROFILE, r.timedWindow().startNs(), r.timedWindow().endNs());
            double measuredMj = r.telemetry().energyMj().total();
            double errorPct = (measuredMj - truthMj) / truthMj * 100;
            double statedMj = e.energyPerInferenceUncertaintyMj() * r.runs();
            System.out.printf(
                    "%s: window %.1f s, %d readings at %s Hz, measured %.1f mJ, truth %.1f mJ, error %+.3f %%,"
                            + " stated +- %.1f mJ (%.2f %%): %s%n",
                    e.powerSourceDetail(),
                    (r.timedWindow().endNs() - r.timedWindow().startNs()) * 1e-9,
                    e.powerReadings(),
                    e.sampleRateHz(),
                    measuredMj,
                    truthMj,
                    errorPct,
                    statedMj,
                    e.relativeUncertaintyPct(),
                    e.text());
            assertTrue(Math.abs(errorPct) < 2, errorPct + " %");
            assertTrue(
                    Math.abs(measuredMj - truthMj) <= statedMj,
                    "truth " + truthMj + " outside " + measuredMj + " +- " + statedMj);
            assertTrue(e.powerReadings() >= 55, e.toString());
            assertNotNull(e.energyPerInferenceNetOfIdleUncertaintyMj(), "10 s idle baseline at 1 Hz has a spread");
        }
    }

    @Test
    void plugSilentMidRun_energyInvalidWithTheGap_notZeros() throws Exception {
        BenchResult r = bench(PlugPublisher.Format.SHELLY_GEN1, "shelly_gen1", "shellyplug-s-gap", 16, 40, p -> {
            long[] run = new long[1];
            return new BenchListener() {
                @Override
                public void onPhase(Phase phase) {
                    if (phase == Phase.RUN) {
                        long from = System.nanoTime() + 4_000_000_000L;
                        p.silentWhen(t -> t >= from && t < from + 8_000_000_000L);
                    }
                }
            };
        });
        assertTrue(r.ok(), r.error());
        EnergyReport e = r.telemetry().energy();
        assertFalse(e.valid());
        assertEquals(1, e.powerGaps().size(), e.toString());
        EnergyReport.Gap gap = e.powerGaps().get(0);
        assertTrue(gap.fromS() >= 2.5 && gap.fromS() <= 4.6, gap.toString());
        assertTrue(gap.toS() >= 11.5 && gap.toS() <= 13.6, gap.toString());
        assertNull(e.energyPerInferenceMj(), "no figure, not a figure with zeros in it");
        assertNull(r.telemetry().energyMj());
        assertTrue(
                e.invalidReasons()
                        .get(0)
                        .startsWith(String.format(
                                java.util.Locale.ROOT,
                                "no power data from %.1f s to %.1f s of the ",
                                gap.fromS(),
                                gap.toS())),
                e.invalidReasons().toString());
        assertTrue(
                e.invalidReasons().get(0).endsWith("(mqtt_power silent for more than 5 s); energy is not reported"),
                e.invalidReasons().toString());
        // latency is still good: the silent plug invalidates only the energy; a busy machine may add its own
        // interference reason ("noisy: ..."), which is about other processes, not the plug
        assertTrue(
                r.invalidReasons().stream().allMatch(reason -> reason.startsWith("noisy: ")),
                "only energy is invalid " + r.invalidReasons());
    }

    interface Listening {
        BenchListener listener(PlugPublisher p);
    }

    static BenchResult bench(
            PlugPublisher.Format format, String preset, String device, double minS, double maxS, Listening listening) {
        try (PlugPublisher plug = new PlugPublisher(broker.url(), format, device, PROFILE, 1.0)) {
            BenchParams p = BenchParams.builder(model)
                    .delegate(Delegate.CPU)
                    .threads(1)
                    .warmupRuns(2)
                    .warmupSeconds(0)
                    .runs(20)
                    .minSeconds(minS)
                    .maxSeconds(maxS)
                    .seed(1)
                    .onnxSpinning(false)
                    .requireFullDelegation(false)
                    .sampleHz(50)
                    .cooldownMaxSeconds(300)
                    .build();
            BenchListener l = listening == null ? BenchListener.NONE : listening.listener(plug);
            return new BenchRunner()
                    .run(
                            p,
                            telemetry(MqttPowerSpec.preset(preset, device).withBrokerUrl(broker.url())),
                            l,
                            () -> false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RunTelemetry telemetry(MqttPowerSpec plug) throws Exception {
        Path tree = Path.of(PlugBenchTest.class.getResource("/sysfs/bare-vm").toURI());
        SystemRoots roots = SystemRoots.under(tree);
        DeviceProfile profile =
                ProfileDetector.resolve("generic-linux", null, roots).profile().withMqttPower(plug);
        return TelemetryFactory.forRun(
                50,
                profile,
                roots,
                new RecordedCommands(tree.resolve("commands")),
                Duration.ofSeconds(1),
                PahoPowerLinks.standalone(line -> {}));
    }
}
