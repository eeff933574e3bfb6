package io.edgebench.telemetry.mqttpower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.bench.BenchRunner;
import io.edgebench.config.MqttPowerSpec;
import io.edgebench.model.forge.Arch;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.Delegate;
import io.edgebench.results.EnergyReport;
import io.edgebench.testkit.MosquittoBroker;
import io.edgebench.worker.BenchListener;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * --energy-accuracy 5 on a 1 Hz plug, through the real path: the timed window stays open past --runs and
 * --min-seconds until energy per inference is known to 20 %, or until --max-seconds, and the result says which. 20 %,
 * not 5 %: a smart plug's accuracy class (2 % + 0.5 W, rectangular) alone is about 14 % (95 %) of 4 W, and no window
 * length shrinks it.
 */
@Tag("slow")
@Timeout(240)
class PlugAccuracyTest {
    @TempDir
    static Path dir;

    static MosquittoBroker broker;
    static Path model;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start(dir.resolve("mosquitto"));
        model = Forge.forge(ForgeSpec.of(Arch.MOBILENET_V1, 0.25, 96, 10, ForgeSpec.Quantize.NONE, 1), dir)
                .tflite();
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    /** 4 W with seeded fast noise of {@code sigmaW} that a 1 Hz plug only samples: each reading its own draw. */
    static LongToDoubleFunction noisy(double sigmaW) {
        return t -> 4.0 + sigmaW * new Random(t / 1_000_000L).nextGaussian();
    }

    /**
     * 0.2 W and 7.8 W in alternate seconds (mean 4 W, sd 3.8 W), never negative: a plug reading once a second sees
     * 0.2, 7.8, 0.2, ... and the 95 % uncertainty stays far above 20 %. Deterministic: a random flicker's 14 draws
     * once came out in runs, which the sampling part (residuals against neighbouring readings) reads as a steady
     * load: 17.9 % in one CI run.
     */
    static LongToDoubleFunction flicker() {
        return t -> (t / 1_000_000_000L) % 2 == 0 ? 0.2 : 7.8;
    }

    @Test
    void target20Percent_moderateNoise_windowExtendedUntilReached_andNoisyPlug_saysNotReached() throws Exception {
        // about 0.4 W of noise on 4 W: 20 % (stopping at 18 %) needs the 10 readings a plug must give, past
        // --min-seconds 1
        CompletableFuture<BenchResult> moderate =
                CompletableFuture.supplyAsync(() -> bench("plug-acc-ok", noisy(0.4), 60));
        // 3.8 W of alternating flicker: far above 20 % after 15 readings, so --max-seconds 15 stops it first
        CompletableFuture<BenchResult> wild = CompletableFuture.supplyAsync(() -> bench("plug-acc-no", flicker(), 15));

        BenchResult ok = moderate.get();
        assertTrue(ok.ok(), ok.error());
        EnergyReport e = ok.telemetry().energy();
        assertNotNull(e.accuracy(), e.toString());
        double windowS = (ok.timedWindow().endNs() - ok.timedWindow().startNs()) * 1e-9;
        System.out.printf(
                "moderate: window %.1f s, %s; %s%n",
                windowS, e.text(), e.accuracy().message());
        assertTrue(e.accuracy().reached(), e.accuracy().message());
        assertTrue(e.relativeUncertaintyPct() <= 20.0, e.toString());
        assertTrue(
                windowS >= 9 && windowS < 59,
                "held open past min_seconds 1, stopped before max_seconds 60: " + windowS);
        assertTrue(e.powerReadings() >= 10, e.toString());
        assertTrue(
                e.accuracy().message().startsWith("energy per inference known to "),
                e.accuracy().message());

        BenchResult no = wild.get();
        assertTrue(no.ok(), no.error());
        EnergyReport w = no.telemetry().energy();
        double wildS = (no.timedWindow().endNs() - no.timedWindow().startNs()) * 1e-9;
        System.out.printf(
                "wild: window %.1f s, %s; %s%n", wildS, w.text(), w.accuracy().message());
        assertFalse(w.accuracy().reached());
        assertEquals(20.0, w.accuracy().targetPct());
        assertTrue(wildS >= 14.9, "ran to max_seconds: " + wildS);
        assertTrue(
                w.accuracy().message().startsWith("target 20 % not reached: "),
                w.accuracy().message());
        assertTrue(w.relativeUncertaintyPct() > 20.0, w.toString());
    }

    static BenchResult bench(String device, LongToDoubleFunction profile, double maxS) {
        try (PlugPublisher plug = new PlugPublisher(broker.url(), PlugPublisher.Format.TASMOTA, device, profile, 1.0)) {
            BenchParams p = BenchParams.builder(model)
                    .delegate(Delegate.CPU)
                    .threads(1)
                    .warmupRuns(2)
                    .warmupSeconds(0)
                    .runs(20)
                    .minSeconds(1)
                    .maxSeconds(maxS)
                    .sampleHz(50)
                    .energyAccuracyPct(20.0)
                    .build();
            return new BenchRunner()
                    .run(
                            p,
                            PlugBenchTest.telemetry(
                                    MqttPowerSpec.preset("tasmota", device).withBrokerUrl(broker.url())),
                            BenchListener.NONE,
                            () -> false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
