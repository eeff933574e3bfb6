package io.edgebench.daemon;

import io.edgebench.config.DeviceProfile;
import io.edgebench.config.ProfileDetector;
import io.edgebench.config.SystemRoots;
import io.edgebench.model.ModelInspection;
import io.edgebench.model.ModelInspector;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuProbe;
import io.edgebench.telemetry.Collector;
import io.edgebench.telemetry.CommandRunner;
import io.edgebench.telemetry.Reading;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.TelemetryFactory;
import io.edgebench.wire.SensorsSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The board as the agent reports it: runtime versions of this build, Edge TPUs found (probed once at start; the
 * probe never throws), model inspection (no runtime loaded) and one reading of every sensor the profile lists.
 */
public final class HostProbes implements DeviceProbes {
    /** The runtime libraries this build bundles (agent/pom.xml); a test checks them against the classpath. */
    static final Map<String, String> RUNTIMES = Map.of("tflite", "2.21.0", "onnx", "1.29.0");

    private final DeviceProfile profile;
    private final List<String> accelerators;

    private HostProbes(DeviceProfile profile, List<String> accelerators) {
        this.profile = profile;
        this.accelerators = List.copyOf(accelerators);
    }

    /** Detects the profile (or uses the one named) and probes for Edge TPUs. */
    public static HostProbes detect(String profileName) {
        DeviceProfile profile =
                ProfileDetector.resolve(profileName, null, SystemRoots.host()).profile();
        return new HostProbes(profile, EdgeTpuProbe.probe().acceleratorIds());
    }

    @Override
    public String profile() {
        return profile.name();
    }

    @Override
    public String powerSource() {
        return profile.powerSource();
    }

    @Override
    public Map<String, String> runtimes() {
        return RUNTIMES;
    }

    @Override
    public List<String> accelerators() {
        return accelerators;
    }

    @Override
    public ModelInspection inspect(Path model) {
        return ModelInspector.inspect(model);
    }

    /** Same sources as `edgebench sensors`, one snapshot: readings with units, and what is absent and why. */
    @Override
    public SensorsSnapshot sensors() {
        try (SensorSet sensors = TelemetryFactory.discover(profile, SystemRoots.host(), CommandRunner.PROCESS)) {
            List<SensorsSnapshot.Value> readings = new ArrayList<>();
            List<SensorsSnapshot.Missing> absent = new ArrayList<>();
            sensors.absent().forEach(a -> absent.add(new SensorsSnapshot.Missing(a.source(), a.reason())));
            for (Collector c : sensors.collectors()) {
                try {
                    for (Reading r : c.snapshot()) {
                        readings.add(new SensorsSnapshot.Value(
                                c.source(),
                                r.channel().id(),
                                r.value(),
                                r.channel().unit()));
                    }
                } catch (Exception e) {
                    absent.add(new SensorsSnapshot.Missing(c.source(), "read failed: " + e.getMessage()));
                }
            }
            return new SensorsSnapshot(profile.name(), readings, absent);
        }
    }
}
