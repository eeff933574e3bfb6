package io.edgebench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.forge.Arch;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.BenchResult.Status;
import io.edgebench.results.Delegate;
import io.edgebench.results.MeasureOptions;
import io.edgebench.results.RateOutcome;
import io.edgebench.results.RuntimeKind;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.worker.BenchListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * --rate end to end on a forged MobileNet (alpha 0.25, 96 px, builtin kernels: about 1 ms per inference on one
 * core): a rate it keeps is served at that rate; a rate it cannot keep shows misses and queueing.
 */
@Tag("slow")
@Timeout(300)
class RateScenarioTest {
    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void forge() throws Exception {
        model = Forge.forge(ForgeSpec.of(Arch.MOBILENET_V1, 0.25, 96, null, ForgeSpec.Quantize.NONE, 1), dir)
                .tflite();
    }

    private static BenchResult bench(double hz, boolean poisson, double seconds) {
        BenchParams p = BenchParams.builder(model)
                .runtime(RuntimeKind.TFLITE)
                .delegate(Delegate.CPU)
                .threads(1)
                .warmupRuns(20)
                .warmupSeconds(0.3)
                .runs(10)
                .minSeconds(seconds)
                .maxSeconds(30)
                .seed(1)
                .onnxSpinning(false)
                .requireFullDelegation(false)
                .sampleHz(0)
                .cooldownMaxSeconds(0)
                .measure(new MeasureOptions(null, hz, poisson, List.of(), 10, null))
                .build();
        return new BenchRunner().run(p, RunTelemetry.OFF, BenchListener.NONE, () -> false);
    }

    @Test
    void rate100_servedAtAbout100PerSecond_noMisses() {
        BenchResult r = bench(100, false, 2.0);
        assertEquals(Status.OK, r.status(), r.error());
        RateOutcome o = r.conditions().rate();
        System.out.println("rate 100: " + o + ", service p50 " + o.serviceP50Us() + " us");
        assertEquals(r.runs(), o.arrivals());
        assertTrue(o.achievedIps() < 105, "never faster than the schedule: " + o);
        if (r.valid()) {
            // quiet machine (the interference check passed): a 1 ms model meets every 10 ms deadline
            assertTrue(o.achievedIps() > 95, o.toString());
            assertTrue(r.runs() >= 195, "runs " + r.runs());
            // a VM's scheduler stalls single arrivals by several ms even when nobody else ran (seen: 1 of 201 here
            // after a 12 ms stall, 3 of 201 in CI where one run took 3.5 ms): such misses are few and leave the mean
            // queue delay near zero, while a scheduler that queues fails the mean whatever the VM does
            assertTrue(o.missedDeadlines() <= o.arrivals() / 50, o.toString());
            assertTrue(o.queueDelayMeanUs() < 1_000, "mean queue delay under a tenth of the 10 ms period: " + o);
        } else {
            // other processes took the CPU (the reason says how much): misses are theirs, not the scheduler's
            System.out.println("rate 100 on a busy machine, misses not asserted: " + r.invalidReasons());
            assertTrue(
                    r.invalidReasons().get(0).startsWith("noisy: "),
                    r.invalidReasons().toString());
        }
    }

    @Test
    void impossibleRate_reportsMissesAndQueueing() {
        BenchResult r = bench(50_000, true, 1.0);
        assertEquals(Status.OK, r.status(), r.error());
        RateOutcome o = r.conditions().rate();
        System.out.println("rate 50000 (Poisson): " + o);
        assertTrue(o.missedDeadlines() > o.arrivals() / 2, o.toString());
        assertTrue(o.achievedIps() < 25_000, o.toString());
        assertTrue(o.queueDelayMaxUs() > 10 * o.serviceP50Us(), o.toString());
        // latency counts from the arrival: the queue shows in the percentiles
        assertTrue(r.latencyUs().p50() > 2 * o.serviceP50Us(), r.latencyUs() + " vs " + o);
    }
}
