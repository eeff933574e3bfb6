package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(30)
class SensorsCommandTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static String[] roots(String fixture) throws Exception {
        Path base = Path.of(
                SensorsCommandTest.class.getResource("/sysfs/" + fixture).toURI());
        return new String[] {
            "--sysfs-root",
            base.resolve("sys").toString(),
            "--procfs-root",
            base.resolve("proc").toString(),
            "--devfs-root",
            base.resolve("dev").toString(),
            "--commands-dir",
            base.resolve("commands").toString()
        };
    }

    @Test
    void rpi5Fixture_json_listsPmicAndThrottleWithUnits() throws Exception {
        String[] r = roots("rpi5");
        Run run = run("sensors", "--json", r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);
        assertEquals(0, run.exit(), run.err());
        JsonNode json = Json.mapper().readTree(run.out());
        assertEquals("rpi5", json.get("profile").asText());
        assertEquals(
                "device tree compatible raspberrypi,5-model-b",
                json.get("detected_by").asText());
        JsonNode pmic = find(json, "rpi_pmic/rails");
        assertEquals("W", pmic.get("unit").asText());
        assertEquals(1.5177562637841602, pmic.get("value").asDouble(), 1e-9);
        assertEquals("bits", find(json, "rpi/throttled").get("unit").asText());
        assertEquals("ina2xx", json.get("absent").get(0).get("source").asText());
    }

    @Test
    void bareVmFixture_text_saysPlainlyWhatIsAbsent() throws Exception {
        String[] r = roots("bare-vm");
        Run run = run("sensors", r[0], r[1], r[2], r[3], r[4], r[5]);
        assertEquals(0, run.exit(), run.err());
        // a frozen /proc/stat gives no utilisation delta: nothing is invented
        // the bare VM has no device tree and no DMI: the profile follows the JVM's os.arch (x86-dev only on x86)
        String arch = System.getProperty("os.arch");
        String expected = arch.equals("amd64") || arch.equals("x86_64")
                ? "profile: x86-dev (no device tree, os.arch " + arch + ")"
                : "profile: generic-linux (nothing more specific matched (model null, arch " + arch + "))";
        assertTrue(run.out().startsWith(expected), run.out());
        assertTrue(run.out().contains("found: nothing readable\n"), run.out());
        assertTrue(
                run.out().contains("  rapl         no " + r[1] + "/class/powercap/intel-rapl:N: no Intel RAPL here"),
                run.out());
        assertTrue(run.out().contains("  thermal      no " + r[1] + "/class/thermal/thermal_zone*:"), run.out());
    }

    @Test
    void unknownProfile_exitsConfigWithTheKnownNames() {
        Run run = run("sensors", "--profile", "rpi3");
        assertEquals(ExitCode.CONFIG, run.exit());
        assertTrue(
                run.err().startsWith("edgebench: Profile [rpi3] is unknown; expected one of: rpi5-coral-usb,"),
                run.err());
    }

    private static JsonNode find(JsonNode json, String channel) {
        for (JsonNode n : json.get("readings")) {
            if (n.get("channel").asText().equals(channel)) {
                return n;
            }
        }
        throw new AssertionError(channel + " not in " + json);
    }
}
