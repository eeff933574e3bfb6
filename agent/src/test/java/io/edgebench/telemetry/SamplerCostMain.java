package io.edgebench.telemetry;

import io.edgebench.config.ProfileLoader;
import io.edgebench.config.SystemRoots;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The sampler's own CPU cost (docs/telemetry.md): runs it for a few seconds at 100 Hz over this host's sources and
 * over the rpi4 fixture tree, and prints thread CPU time per tick and as a share of one core. Unlike latency
 * medians on a shared machine this is not drowned by noise.
 */
public final class SamplerCostMain {
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Path fixture = Path.of(SamplerCostMain.class.getResource("/sysfs/rpi4").toURI());
        ProfileLoader profiles = new ProfileLoader(null);
        try (SensorSet host = TelemetryFactory.discover(
                        profiles.named("x86-dev"), SystemRoots.host(), CommandRunner.PROCESS);
                SensorSet rpi4 = TelemetryFactory.discover(
                        profiles.named("rpi4"),
                        SystemRoots.under(fixture),
                        new RecordedCommands(fixture.resolve("commands")))) {
            for (String round : new String[] {"cold", "warm"}) { // the first round includes JIT compilation
                for (double hz : new double[] {100, 1000}) {
                    cost(round + " host " + host.sourceNames(), host, hz, seconds);
                    cost(round + " rpi4 fixture " + rpi4.sourceNames(), rpi4, hz, seconds);
                }
            }
        }
    }

    private static void cost(String what, SensorSet sensors, double hz, double seconds) {
        Sampler s = new Sampler(sensors.collectors(), hz, 1_000_000);
        s.start();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        s.stop();
        double perTickUs = s.cpuNanos() / 1e3 / s.ticks();
        System.out.printf(
                Locale.ROOT,
                "%-66s %5.0f Hz: %d ticks, %.1f us CPU per tick, %.3f%% of one core%n",
                what,
                hz,
                s.ticks(),
                perTickUs,
                s.cpuNanos() / (seconds * 1e9) * 100);
    }

    private SamplerCostMain() {}
}
