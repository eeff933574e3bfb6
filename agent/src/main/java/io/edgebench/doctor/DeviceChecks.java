package io.edgebench.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The board's devices as the agent's user sees them: Edge TPUs (PCIe /dev/apex_N, USB 1a6e:089a before its firmware
 * is loaded and 18d1:9302 after) and their udev permissions, I2C buses for power monitors, /dev/vcio for the Pi's
 * throttling flags, thermal zones. Absent hardware is a warning, not a failure: CPU benchmarks still run.
 */
final class DeviceChecks {
    private DeviceChecks() {}

    static List<Check> all(Board board) {
        Accounts accounts = Accounts.of(board.etc(), board.user());
        return List.of(edgeTpu(board, accounts), i2c(board, accounts), vcio(board, accounts), thermal(board));
    }

    static Check edgeTpu(Board board, Accounts accounts) {
        List<String> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path apex : list(board.roots().dev(), "apex_")) {
            found.add("pci " + apex);
            addIfProblem(problems, accounts.cannotUse(apex));
        }
        for (Path usb : list(board.roots().sys().resolve("bus/usb/devices"), "")) {
            String id = read(usb.resolve("idVendor")) + ":" + read(usb.resolve("idProduct"));
            if (!id.equals("1a6e:089a") && !id.equals("18d1:9302")) {
                continue;
            }
            Path node = board.roots()
                    .dev()
                    .resolve(String.format(
                            "bus/usb/%03d/%03d", num(read(usb.resolve("busnum"))), num(read(usb.resolve("devnum")))));
            found.add("usb " + id + " " + usb.getFileName()
                    + (id.startsWith("1a6e") ? " (firmware not loaded yet)" : ""));
            addIfProblem(problems, Files.exists(node) ? accounts.cannotUse(node) : "no device node " + node);
        }
        if (found.isEmpty()) {
            return Check.warn(
                    "edgetpu devices",
                    "no Edge TPU found (no " + board.roots().dev() + "/apex_N, no USB" + " 1a6e:089a or 18d1:9302)",
                    "CPU benchmarks run without one. Plug in a Coral USB Accelerator or"
                            + " install the gasket/apex driver for a PCIe/M.2 card.");
        }
        if (!problems.isEmpty()) {
            return Check.fail(
                    "edgetpu devices",
                    String.join("; ", found),
                    String.join("; ", problems)
                            + ". The Coral udev rule (libedgetpu1-std's, group plugdev) or the apex group grant access.");
        }
        return Check.ok("edgetpu devices", String.join("; ", found) + ", usable by [" + accounts.user() + "]");
    }

    static Check i2c(Board board, Accounts accounts) {
        List<Path> buses = list(board.roots().dev(), "i2c-");
        if (buses.isEmpty()) {
            return Check.warn(
                    "i2c",
                    "no " + board.roots().dev() + "/i2c-N: INA219/226/260 power monitors cannot be read",
                    "On a Raspberry Pi: sudo raspi-config nonint do_i2c 0 (or dtparam=i2c_arm=on in config.txt), reboot.");
        }
        List<String> problems = new ArrayList<>();
        for (Path bus : buses) {
            addIfProblem(problems, accounts.cannotUse(bus));
        }
        String names = String.join(
                ", ", buses.stream().map(p -> p.getFileName().toString()).toList());
        String membership = accounts.inGroup("i2c")
                ? "user [" + accounts.user() + "] is in group i2c"
                : "user [" + accounts.user() + "] is not in group i2c";
        if (!problems.isEmpty()) {
            return Check.warn("i2c", names + "; " + membership, String.join("; ", problems));
        }
        return Check.ok("i2c", names + " usable; " + membership);
    }

    static Check vcio(Board board, Accounts accounts) {
        Path vcio = board.roots().dev().resolve("vcio");
        boolean pi = read(board.roots().proc().resolve("device-tree/model")).contains("Raspberry Pi");
        if (!Files.exists(vcio)) {
            return pi
                    ? Check.warn(
                            "vcio",
                            "no " + vcio + ": throttling and under-voltage flags cannot be read",
                            "Raspberry Pi OS provides /dev/vcio (group video); check that the vcio driver is loaded.")
                    : Check.ok("vcio", "not a Raspberry Pi: throttling flags do not apply");
        }
        String problem = accounts.cannotUse(vcio);
        return problem == null
                ? Check.ok("vcio", vcio + " usable (throttling flags)")
                : Check.warn("vcio", "throttling flags unreadable", problem);
    }

    static Check thermal(Board board) {
        List<String> zones = new ArrayList<>();
        for (Path zone : list(board.roots().sys().resolve("class/thermal"), "thermal_zone")) {
            String temp = read(zone.resolve("temp"));
            if (!temp.isEmpty()) {
                zones.add(read(zone.resolve("type")) + "=" + num(temp) / 1000.0 + "C"); // millidegree Celsius
            }
        }
        if (zones.isEmpty()) {
            return Check.warn(
                    "thermal",
                    "no readable " + board.roots().sys() + "/class/thermal/thermal_zone*/temp",
                    "Results will carry no temperatures (normal on a VM; on a board check the thermal driver).");
        }
        return Check.ok("thermal", zones.size() + " zones: " + String.join(", ", zones));
    }

    private static void addIfProblem(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    private static List<Path> list(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8)
                    .replace("\0", "")
                    .trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static int num(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
