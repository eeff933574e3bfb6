package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.testkit.MosquittoBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `edgebench doctor` against fixture boards (injected /etc, /sys, /proc, /dev and recorded getconf). */
@Timeout(60)
class DoctorCommandTest {
    record Run(int exit, String out) {}

    @TempDir
    Path tmp;

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        return new Run(cl.execute(args), out.toString());
    }

    private static List<String> fixture(Path base, String... more) {
        List<String> a = new ArrayList<>(List.of(
                "doctor",
                "--no-natives",
                "--no-broker",
                "--user",
                "edgebench",
                "--etc-root",
                base.resolve("etc").toString(),
                "--sysfs-root",
                base.resolve("sys").toString(),
                "--procfs-root",
                base.resolve("proc").toString(),
                "--devfs-root",
                base.resolve("dev").toString(),
                "--commands-dir",
                base.resolve("commands").toString()));
        a.addAll(List.of(more));
        if (a.contains("--broker")) {
            a.remove("--no-broker");
        }
        return a;
    }

    private static Path resource(String name) throws Exception {
        return Path.of(DoctorCommandTest.class.getResource("/doctor/" + name).toURI());
    }

    @Test
    void mendel_failsPlainly_andSaysToUseACoralAcceleratorOnAPiOrDebian12() throws Exception {
        Run r = run(fixture(resource("mendel")).toArray(String[]::new));
        assertEquals(ExitCode.UNAVAILABLE, r.exit(), r.out());
        assertTrue(
                r.out()
                        .startsWith(
                                "FAIL  os               Coral's Mendel Linux [Mendel GNU/Linux 5 (Eagle)] is based"
                                        + " on Debian 10 (buster): glibc 2.28 and no Java 17 package, too old for edgebench's natives (glibc >="
                                        + " 2.34, Java 17).\n      " + " ".repeat(16)
                                        + " fix: Use a Coral USB Accelerator or a PCIe/M.2 Edge"
                                        + " TPU card on a Raspberry Pi 4/5 with Raspberry Pi OS bookworm (64-bit), or on another Debian 12 board.\n"),
                r.out());
        assertTrue(r.out().contains("FAIL  glibc            glibc [2.28] is older than 2.34"), r.out());
        assertTrue(r.out().endsWith("doctor: NOT ready: 2 needed thing(s) missing, 3 warnings\n"), r.out());
    }

    @Test
    void raspberryPiOsBullseye_isTooOld() throws Exception {
        Run r = run(fixture(resource("rpi4-bullseye"), "--json").toArray(String[]::new));
        assertEquals(ExitCode.UNAVAILABLE, r.exit(), r.out());
        JsonNode checks = Json.mapper().readTree(r.out());
        assertEquals("FAIL", checks.get(0).get("status").asText());
        assertTrue(
                checks.get(0).get("detail").asText().startsWith("[Raspbian GNU/Linux 11 (bullseye)] is Debian 11"),
                checks.get(0).toString());
        assertEquals(
                "glibc [2.31] is older than 2.34: the TFLite, javacpp and edgebench shim libraries will not load"
                        + " (dlopen@GLIBC_2.34).",
                checks.get(1).get("detail").asText());
        JsonNode vcio = find(checks, "vcio");
        assertEquals("WARN", vcio.get("status").asText(), vcio.toString()); // a Pi without /dev/vcio
    }

    /** A Pi 5 on bookworm with a Coral USB accelerator, I2C and vcio, built here so file groups are this host's. */
    private Path bookwormPi(String devMode, boolean inGroup) throws Exception {
        Path b = tmp.resolve("rpi5");
        Files.createDirectories(b.resolve("etc"));
        Files.writeString(
                b.resolve("etc/os-release"),
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n" + "VERSION_ID=\"12\"\n");
        Files.createDirectories(b.resolve("commands"));
        Files.writeString(b.resolve("commands/getconf_GNU_LIBC_VERSION.txt"), "glibc 2.36\n");
        Files.createDirectories(b.resolve("proc/device-tree"));
        Files.writeString(b.resolve("proc/device-tree/model"), "Raspberry Pi 5 Model B Rev 1.0\0");
        Path usb = Files.createDirectories(b.resolve("sys/bus/usb/devices/2-1"));
        Files.writeString(usb.resolve("idVendor"), "18d1\n");
        Files.writeString(usb.resolve("idProduct"), "9302\n");
        Files.writeString(usb.resolve("busnum"), "2\n");
        Files.writeString(usb.resolve("devnum"), "3\n");
        Path zone = Files.createDirectories(b.resolve("sys/class/thermal/thermal_zone0"));
        Files.writeString(zone.resolve("type"), "cpu-thermal\n");
        Files.writeString(zone.resolve("temp"), "51350\n");
        Files.createDirectories(b.resolve("dev/bus/usb/002"));
        for (String node : List.of("dev/bus/usb/002/003", "dev/i2c-1", "dev/vcio")) {
            Path p = Files.writeString(b.resolve(node), "");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(devMode));
        }
        String group = Files.readAttributes(b.resolve("dev/i2c-1"), PosixFileAttributes.class)
                .group()
                .getName();
        Files.writeString(b.resolve("etc/passwd"), "edgebench:x:990:990::/var/lib/edgebench:/usr/sbin/nologin\n");
        Files.writeString(
                b.resolve("etc/group"),
                "edgebench:x:990:\ni2c:x:998:" + (inGroup ? "edgebench" : "") + "\n" + group + ":x:4242:"
                        + (inGroup ? "edgebench" : "") + "\n");
        return b;
    }

    @Test
    void bookwormPi_withAcceleratorAndI2c_isReady() throws Exception {
        Run r = run(fixture(bookwormPi("rw-rw----", true)).toArray(String[]::new));
        assertEquals(ExitCode.OK, r.exit(), r.out());
        assertTrue(r.out().contains("ok    edgetpu devices  usb 18d1:9302 2-1, usable by [edgebench]\n"), r.out());
        assertTrue(
                r.out().contains("ok    i2c              i2c-1 usable; user [edgebench] is in group i2c\n"), r.out());
        assertTrue(r.out().contains("ok    thermal          1 zones: cpu-thermal=51.35C\n"), r.out());
        assertTrue(r.out().endsWith("doctor: ready (0 warnings)\n"), r.out());
    }

    @Test
    void acceleratorNodeOfAnotherGroup_failsWithTheAddUserHint() throws Exception {
        Path b = bookwormPi("rw-rw----", false);
        String group = Files.readAttributes(b.resolve("dev/i2c-1"), PosixFileAttributes.class)
                .group()
                .getName();
        Run r = run(fixture(b).toArray(String[]::new));
        assertEquals(ExitCode.UNAVAILABLE, r.exit(), r.out());
        String node = b.resolve("dev/bus/usb/002/003").toString();
        String hint = group.equals("root") ? node + " is rw-rw---- " : node + " is rw-rw---- ";
        assertTrue(r.out().contains("FAIL  edgetpu devices  usb 18d1:9302 2-1\n"), r.out());
        assertTrue(r.out().contains("fix: " + hint), r.out());
        assertTrue(r.out().contains("warn  i2c              i2c-1; user [edgebench] is not in group i2c\n"), r.out());
    }

    @Test
    void broker_reachable_andUnreachable() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"))) {
            Path config = Files.writeString(tmp.resolve("agent.yaml"), "broker_url: " + broker.url() + "\n");
            Run ok = run(fixture(bookwormPi("rw-rw----", true), "--broker", "--config", config.toString())
                    .toArray(String[]::new));
            assertTrue(ok.out().contains("ok    broker           " + broker.url() + " reachable in "), ok.out());
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path config = Files.writeString(tmp.resolve("closed.yaml"), "broker_url: tcp://127.0.0.1:" + closedPort + "\n");
        Run down = run(fixture(bookwormPi("rw-rw----", true), "--broker", "--config", config.toString())
                .toArray(String[]::new));
        assertEquals(ExitCode.UNAVAILABLE, down.exit(), down.out());
        assertTrue(
                down.out().contains("FAIL  broker           tcp://127.0.0.1:" + closedPort + ": Connection refused"),
                down.out());
        Path none = Files.writeString(tmp.resolve("none.yaml"), "data_dir: /var/lib/edgebench\n");
        Run unset = run(fixture(bookwormPi("rw-rw----", true), "--broker", "--config", none.toString())
                .toArray(String[]::new));
        assertTrue(unset.out().contains("warn  broker           no broker configured"), unset.out());
    }

    private static JsonNode find(JsonNode checks, String name) {
        for (JsonNode c : checks) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + checks);
    }
}
