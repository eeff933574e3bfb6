package io.edgebench.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "not measured" lines: why an axis has no verdict, and what would give it one. */
class MeasuredAxesTest {

    @Test
    void boardWithoutSensors_namesBothAxesAndWhereToLook() {
        List<String> lines = MeasuredAxes.NONE.notMeasured();

        assertEquals(2, lines.size(), lines.toString());
        assertTrue(
                lines.get(0).startsWith("energy per inference: not measured: this board has no power source"),
                lines.get(0));
        assertTrue(
                lines.get(1).startsWith("temperature: not measured: this board has no temperature source"),
                lines.get(1));
        assertTrue(lines.get(1).contains("see edgebench sensors"), lines.get(1));
    }

    @Test
    void temperatureSourceWithHeatBlocksTurnedOff_saysTheDefaultWouldRunThemAndWhatTheyCost() {
        List<String> lines = new MeasuredAxes(List.of(), List.of("thermal", "hwmon")).notMeasured();

        assertEquals(
                "temperature: not measured: heat blocks are off (heat_blocks 0); the default, 3, runs ABBA heat blocks"
                        + " on thermal, hwmon after the rounds (2 lanes: 12 blocks of --heat-block-s 20 s, 4 to 8 min"
                        + " with the cooldowns; docs/bench.md)",
                lines.get(1));
    }
}
