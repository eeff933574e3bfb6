package io.edgebench.cli;

import io.edgebench.config.DeviceProfile;
import io.edgebench.config.MqttPowerSpec;
import io.edgebench.config.ProfileDetector;
import io.edgebench.config.SystemRoots;
import io.edgebench.json.Json;
import io.edgebench.link.PahoPowerLinks;
import io.edgebench.telemetry.Absent;
import io.edgebench.telemetry.Collector;
import io.edgebench.telemetry.CommandRunner;
import io.edgebench.telemetry.PushSource;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.RateProbe;
import io.edgebench.telemetry.Reading;
import io.edgebench.telemetry.RecordedCommands;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.TelemetryFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `edgebench sensors`: what telemetry this machine exposes right now, and what is absent and why. */
@Command(
        name = "sensors",
        mixinStandardHelpOptions = true,
        description =
                "Show the telemetry this machine exposes now (values with units) and each absent source with why.")
public final class SensorsCommand implements Callable<Integer> {
    static final long INTERVAL_NANOS = 1_000_000_000L;
    /** --watch stops after a day even without Ctrl-C. */
    static final int MAX_WATCH = 86_400;

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", description = "Device profile name (default: detected).")
    String profile;

    @Option(names = "--profiles-dir", description = "Directory of extra/overriding profile .yaml files.")
    Path profilesDir;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--watch", description = "Refresh every second until Ctrl-C.")
    boolean watch;

    @Option(
            names = "--count",
            description = "With --watch: stop after N refreshes (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + MAX_WATCH)
    int count;

    @Option(names = "--sysfs-root", defaultValue = "/sys", description = "sysfs root (default: ${DEFAULT-VALUE}).")
    Path sysfsRoot;

    @Option(names = "--procfs-root", defaultValue = "/proc", description = "procfs root (default: ${DEFAULT-VALUE}).")
    Path procfsRoot;

    @Option(names = "--devfs-root", defaultValue = "/dev", description = "devfs root (default: ${DEFAULT-VALUE}).")
    Path devfsRoot;

    @Option(names = "--commands-dir", hidden = true, description = "Answer vcgencmd from recorded outputs here.")
    Path commandsDir;

    /** What `--json` prints; {@code rates}: the highest rate each power source sustains, measured now. */
    public record Report(
            String profile,
            String detectedBy,
            List<Value> readings,
            List<Absent> absent,
            List<RateProbe.Result> rates) {}

    /** A plug publishes about once a second: wait (bounded) for two messages so its rate can be told. */
    static final long PLUG_WAIT_NANOS = 3_000_000_000L;

    @Option(
            names = "--power-plug",
            paramLabel = "PRESET:DEVICE[@BROKER]",
            description = "Also read a smart plug over MQTT, e.g. tasmota:plug1@tcp://broker.local:1883.")
    String powerPlug;

    /** One reading; powerW is derived for energy counters (over the last interval). */
    public record Value(String source, String channel, double value, String unit, Double powerW) {}

    @Override
    public Integer call() {
        if (count < 1 || count > MAX_WATCH) {
            throw new IllegalArgumentException("--count [" + count + "] must be 1.." + MAX_WATCH);
        }
        SystemRoots roots = new SystemRoots(sysfsRoot, procfsRoot, devfsRoot);
        ProfileDetector.Detection d = ProfileDetector.resolve(profile, profilesDir, roots);
        CommandRunner runner = commandsDir != null ? new RecordedCommands(commandsDir) : CommandRunner.PROCESS;
        PrintWriter out = spec.commandLine().getOut();
        DeviceProfile p =
                powerPlug == null ? d.profile() : d.profile().withMqttPower(MqttPowerSpec.parseShort(powerPlug));
        try (SensorSet sensors = TelemetryFactory.discover(p, roots, runner, PahoPowerLinks.standalone(l -> {}))) {
            Map<String, Reading> previous = read(sensors, new ArrayList<>());
            awaitPlugs(sensors);
            int rounds = watch ? count : 1;
            for (int i = 0; i < rounds; i++) {
                LockSupport.parkNanos(watch ? INTERVAL_NANOS : INTERVAL_NANOS / 2); // counters and util need a delta
                List<Absent> failures = new ArrayList<>();
                Map<String, Reading> now = read(sensors, failures);
                List<Absent> absent = new ArrayList<>(sensors.absent());
                absent.addAll(failures);
                print(
                        out,
                        new Report(
                                d.profile().name(),
                                d.evidence(),
                                values(sensors, now, previous),
                                absent,
                                i == 0 ? rates(sensors, absent) : List.of()));
                previous = now;
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        }
        return ExitCode.OK;
    }

    /** Until every plug delivered two readings (its rate), bounded by PLUG_WAIT_NANOS. */
    private static void awaitPlugs(SensorSet sensors) {
        long until = System.nanoTime() + PLUG_WAIT_NANOS;
        for (Collector c : sensors.collectors()) {
            double[] row = new double[c.channels().size()];
            if (c instanceof PushSource p) {
                while (Double.isNaN(p.observedRateHz()) && System.nanoTime() < until) {
                    LockSupport.parkNanos(100_000_000L);
                    try {
                        c.read(row); // moves what arrived into the plug's state
                    } catch (IOException e) {
                        break;
                    }
                }
            }
        }
    }

    /** The sustained rate of every power source, measured on it now; a failing probe lands in absent. */
    private static List<RateProbe.Result> rates(SensorSet sensors, List<Absent> absent) {
        List<RateProbe.Result> out = new ArrayList<>();
        for (Collector c : sensors.collectors()) {
            if (RateProbe.isPowerSource(c)) {
                try {
                    out.add(RateProbe.measure(c, RateProbe.BUDGET));
                } catch (IOException | RuntimeException e) {
                    absent.add(new Absent(c.source(), "rate probe failed: " + e.getMessage()));
                }
            }
        }
        return out;
    }

    private static Map<String, Reading> read(SensorSet sensors, List<Absent> failures) {
        Map<String, Reading> out = new HashMap<>();
        for (Collector c : sensors.collectors()) {
            try {
                c.snapshot().forEach(r -> out.put(r.channel().id(), r));
            } catch (IOException | RuntimeException e) {
                failures.add(new Absent(c.source(), "read failed: " + e.getMessage()));
            }
        }
        return out;
    }

    private static List<Value> values(SensorSet sensors, Map<String, Reading> now, Map<String, Reading> before) {
        List<Value> out = new ArrayList<>();
        for (Collector c : sensors.collectors()) {
            for (var ch : c.channels()) {
                Reading r = now.get(ch.id());
                if (r == null) {
                    continue;
                }
                Double powerW = null;
                Reading b = before.get(ch.id());
                if (ch.quantity() == Quantity.ENERGY_MJ && b != null && r.timeNanos() > b.timeNanos()) {
                    powerW = (r.value() - b.value()) * 1e-3 / ((r.timeNanos() - b.timeNanos()) * 1e-9);
                }
                out.add(new Value(c.source(), ch.id(), r.value(), ch.unit(), powerW));
            }
        }
        return out;
    }

    private void print(PrintWriter out, Report report) {
        if (json) {
            try {
                out.println(Json.mapper().writeValueAsString(report));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
            }
            out.flush();
            return;
        }
        out.printf("profile: %s (%s)%n", report.profile(), report.detectedBy());
        out.println(report.readings().isEmpty() ? "found: nothing readable" : "found:");
        for (Value v : report.readings()) {
            String value = v.unit().equals("bits")
                    ? "0x" + Long.toHexString((long) v.value())
                    : String.format(Locale.ROOT, "%.3f", v.value());
            String extra = v.powerW() == null
                    ? ""
                    : String.format(Locale.ROOT, "  (%.3f W over the last interval)", v.powerW());
            out.printf("  %-12s %-36s %12s %s%s%n", v.source(), v.channel(), value, v.unit(), extra);
        }
        if (!report.rates().isEmpty()) {
            out.println("power sources, highest sustained rate (measured now):");
            for (RateProbe.Result r : report.rates()) {
                out.printf("  %-12s %s%n", r.source(), r.describe());
            }
        }
        if (!report.absent().isEmpty()) {
            out.println("absent:");
            for (Absent a : report.absent()) {
                out.printf("  %-12s %s%n", a.source(), a.reason());
            }
        }
        out.flush();
    }
}
