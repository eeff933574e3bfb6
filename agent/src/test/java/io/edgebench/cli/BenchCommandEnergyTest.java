package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The energy flags' usage errors: exit 64 with what, the value and a hint, before anything runs. */
@Timeout(60)
class BenchCommandEnergyTest {

    @Test
    void energyAccuracy_withoutTelemetry_isUsageError() {
        SensorsCommandTest.Run r =
                SensorsCommandTest.run("bench", "--no-telemetry", "--energy-accuracy", "5", "m.tflite");
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("energy_accuracy_pct [5] needs telemetry: sample_hz is 0"), r.err());
    }

    @Test
    void energyAccuracy_outOfBounds_isUsageError() {
        SensorsCommandTest.Run r = SensorsCommandTest.run("bench", "--energy-accuracy", "0", "m.tflite");
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--energy-accuracy [0] must be a number 0.1..100"), r.err());
    }

    @Test
    void powerPlug_malformed_isUsageErrorWithTheForm() {
        SensorsCommandTest.Run r = SensorsCommandTest.run("sensors", "--power-plug", "plug1");
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--power-plug [plug1] must look like PRESET:DEVICE[@BROKER_URL]"), r.err());
    }

    @Test
    void comparePowerPlug_withoutSampling_isUsageError(@TempDir Path dir) throws Exception {
        Path model = io.edgebench.model.forge.Forge.forge(io.edgebench.model.forge.ForgeSpec.tiny(), dir)
                .tflite();
        SensorsCommandTest.Run r =
                SensorsCommandTest.run("compare", "--sample-hz", "0", "--power-plug", "tasmota:p1", model.toString());
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--power-plug needs telemetry: add --sample-hz"), r.err());
    }
}
