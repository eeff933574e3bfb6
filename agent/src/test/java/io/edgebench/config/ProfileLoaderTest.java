package io.edgebench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileLoaderTest {
    @TempDir
    Path dir;

    @Test
    void builtins_allLoadFromTheJarResources() {
        List<DeviceProfile> all = new ProfileLoader(null).all();
        assertEquals(
                ProfileLoader.BUILTIN, all.stream().map(DeviceProfile::name).toList());
        DeviceProfile rpi5 = new ProfileLoader(null).named("rpi5");
        assertTrue(rpi5.sensors().contains("rpi_pmic"));
        assertEquals(65.0, rpi5.thermal().maxStartC());
        assertEquals(
                "pcie",
                new ProfileLoader(null)
                        .named("coral-dev-board")
                        .accelerators()
                        .get(0)
                        .attach());
    }

    @Test
    void overrideDir_replacesBuiltinAndParsesHexAddress() throws IOException {
        Files.writeString(dir.resolve("rpi4.yaml"), """
                name: rpi4
                match: {compatible: ["raspberrypi,4-model-b"]}
                sensors: [thermal, ina2xx]
                power_source: ina2xx
                ina2xx:
                  - {chip: INA226, bus: 1, address: 0x40, shunt_ohms: 0.1, max_current_a: 3.2}
                """);
        DeviceProfile p = new ProfileLoader(dir).named("rpi4");
        assertEquals(
                new DeviceProfile.Ina2xx("ina226", 1, 0x40, 0.1, 3.2, null),
                p.ina2xx().get(0));
        assertEquals("ina226@1-0x40", p.ina2xx().get(0).label());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown key|name: rpi4\\nsensor: [thermal]|Profile [%s]: unknown key [sensor]; expected one of [accelerators,",
                "bad sensor|name: rpi4\\nsensors: [thermal, fan]|Profile [%s]: sensors entry [fan] must be one of apex, cpu_util,",
                "bad address|name: rpi4\\nina2xx: [{chip: ina226, bus: 1, address: 0x90, shunt_ohms: 0.1, max_current_a: 3}]"
                        + "|Profile [%s]: at [ina2xx[0]] ina2xx[].address [144] must be a 7-bit I2C address 0x08..0x77",
                "wrong type|name: rpi4\\nthermal: {max_start_c: hot}|Profile [%s]: key [thermal.max_start_c] has value [hot],"
                        + " expected double.",
                "name mismatch|name: rpi5|Profile [%s]: name [rpi5] must match the file name [rpi4].",
            })
    void badProfile_teachingMessage(String what, String yaml, String expected) throws IOException {
        Path file = dir.resolve("rpi4.yaml");
        Files.writeString(file, yaml.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> ProfileLoader.parse(file));
        String prefix = String.format(expected, file);
        assertTrue(
                e.getMessage().startsWith(prefix), what + ":\n  got      " + e.getMessage() + "\n  expected " + prefix);
    }

    @Test
    void unknownName_listsTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ProfileLoader(null).named("rpi3"));
        assertEquals(
                "Profile [rpi3] is unknown; expected one of: " + String.join(", ", ProfileLoader.BUILTIN),
                e.getMessage());
    }
}
