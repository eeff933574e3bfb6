package io.edgebench.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform edgebench's natives need: a 64-bit OS with glibc >= 2.34 (the arm64 TFLite, javacpp and shim
 * libraries import dlopen@GLIBC_2.34) and Java 17. Debian 12 and Raspberry Pi OS bookworm have glibc 2.36; Raspberry
 * Pi OS bullseye (2.31) and Coral's Mendel Linux (Debian 10 buster, 2.28, no Java 17 package) cannot run the jar.
 */
final class OsChecks {
    static final int MIN_GLIBC_MAJOR = 2;
    static final int MIN_GLIBC_MINOR = 34;
    static final int MIN_JAVA = 17;
    static final int MIN_DEBIAN = 12;
    static final String CORAL_ADVICE = "Use a Coral USB Accelerator or a PCIe/M.2 Edge TPU card on a Raspberry Pi 4/5"
            + " with Raspberry Pi OS bookworm (64-bit), or on another Debian 12 board.";
    private static final Pattern GLIBC = Pattern.compile("glibc (\\d+)\\.(\\d+)");

    private OsChecks() {}

    static List<Check> all(Board board) {
        return List.of(os(board), glibc(board), bits(board), java(board));
    }

    /** os-release: KEY=value lines, values optionally quoted. */
    static Map<String, String> osRelease(Path etc) throws IOException {
        Map<String, String> m = new HashMap<>();
        for (String line : Files.readAllLines(etc.resolve("os-release"), StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                m.put(
                        line.substring(0, eq).trim(),
                        line.substring(eq + 1).trim().replaceAll("^[\"']|[\"']$", ""));
            }
        }
        return m;
    }

    static Check os(Board board) {
        Map<String, String> rel;
        try {
            rel = osRelease(board.etc());
        } catch (IOException e) {
            return Check.warn(
                    "os",
                    "cannot read " + board.etc().resolve("os-release") + ": " + e.getMessage(),
                    "edgebench is supported on Debian 12 / Raspberry Pi OS bookworm (64-bit) or newer.");
        }
        String id = rel.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
        String like = rel.getOrDefault("ID_LIKE", "").toLowerCase(Locale.ROOT);
        String pretty = rel.getOrDefault("PRETTY_NAME", id);
        if (id.equals("mendel")) {
            return Check.fail(
                    "os",
                    "Coral's Mendel Linux [" + pretty + "] is based on Debian 10 (buster): glibc 2.28"
                            + " and no Java 17 package, too old for edgebench's natives (glibc >= 2.34, Java 17).",
                    CORAL_ADVICE);
        }
        boolean debianFamily = id.equals("debian") || id.equals("raspbian") || like.contains("debian");
        Integer version = leadingInt(rel.get("VERSION_ID"));
        if (debianFamily
                && !like.contains("ubuntu")
                && !id.equals("ubuntu")
                && version != null
                && version < MIN_DEBIAN) {
            return Check.fail(
                    "os",
                    "[" + pretty + "] is Debian " + version + ": its glibc is older than 2.34, which"
                            + " edgebench's natives need.",
                    "Install Debian 12 / Raspberry Pi OS bookworm (64-bit) or newer." + " On a Coral Dev Board: "
                            + CORAL_ADVICE);
        }
        return Check.ok(
                "os",
                pretty
                        + (debianFamily
                                ? ""
                                : " (not Debian-based: supported while glibc >= 2.34 and" + " Java 17 are there)"));
    }

    static Check glibc(Board board) {
        String out;
        try {
            out = board.commands()
                    .run(List.of("getconf", "GNU_LIBC_VERSION"), Duration.ofSeconds(5))
                    .trim();
        } catch (IOException e) {
            return Check.fail(
                    "glibc",
                    "no glibc version found (getconf GNU_LIBC_VERSION: " + e.getMessage() + ")",
                    "edgebench's natives need glibc >= 2.34 (musl-based systems such as Alpine cannot run them).");
        }
        Matcher m = GLIBC.matcher(out);
        if (!m.find()) {
            return Check.fail("glibc", "unrecognised version [" + out + "]", "edgebench's natives need glibc >= 2.34.");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major < MIN_GLIBC_MAJOR || major == MIN_GLIBC_MAJOR && minor < MIN_GLIBC_MINOR) {
            return Check.fail(
                    "glibc",
                    "glibc [" + major + "." + minor + "] is older than 2.34: the TFLite, javacpp and"
                            + " edgebench shim libraries will not load (dlopen@GLIBC_2.34).",
                    "Upgrade to Debian 12 / Raspberry Pi OS bookworm (64-bit) or newer.");
        }
        return Check.ok("glibc", major + "." + minor + " (>= 2.34)");
    }

    static Check bits(Board board) {
        String arch = board.osArch().toLowerCase(Locale.ROOT);
        if (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64") || arch.equals("arm64")) {
            return Check.ok("64-bit", "os.arch " + arch);
        }
        return Check.fail(
                "64-bit",
                "this JVM runs on [" + arch + "]: edgebench ships natives for 64-bit Linux on x86_64"
                        + " and aarch64 only.",
                "Install the 64-bit OS (Raspberry Pi OS 64-bit, arm64) and its Java 17.");
    }

    static Check java(Board board) {
        if (board.javaFeature() >= MIN_JAVA) {
            return Check.ok("java", "Java " + board.javaFeature());
        }
        return Check.fail(
                "java", "Java [" + board.javaFeature() + "] is older than 17.", "apt install openjdk-17-jre-headless");
    }

    private static Integer leadingInt(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = Pattern.compile("^(\\d+)").matcher(s);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
