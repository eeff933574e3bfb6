package io.edgebench.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fixture board whose sensors follow this machine's real CPU load, as a board's would: a sysfs tree with an INA226
 * hwmon power1_input (2 W idle to 6 W at full load, at once) and optionally a thermal zone (a first-order model of
 * the same load: ambient 45 °C plus up to 20 °C, time constant 1.5 s, in 0.1 °C steps), rewritten in place every
 * 5 ms from /proc/stat, and a device profile "fixture-board" naming them. Close it to stop the writer.
 */
public final class FixtureBoard implements AutoCloseable {
    public static final String PROFILE = "fixture-board";
    private static final double IDLE_W = 2.0;
    private static final double FULL_LOAD_W = 6.0;
    private static final double AMBIENT_C = 45;
    private static final double FULL_LOAD_RISE_C = 20;
    private static final double TAU_S = 1.5;

    private final Path sys;
    private final Path profiles;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread writer;

    private FixtureBoard(Path sys, Path profiles, Path power, Path temp) {
        this.sys = sys;
        this.profiles = profiles;
        this.writer = new Thread(() -> follow(power, temp), "fixture-board");
        writer.setDaemon(true);
        writer.start();
    }

    /** Power only, or power and a thermal zone; under {@code dir}. */
    public static FixtureBoard start(Path dir, boolean thermal) throws IOException {
        Path sys = dir.resolve("board/sys");
        Path hwmon = Files.createDirectories(sys.resolve("class/hwmon/hwmon0"));
        Files.writeString(hwmon.resolve("name"), "ina226\n");
        Path power = Files.writeString(hwmon.resolve("power1_input"), Math.round(IDLE_W * 1e6) + "\n");
        Path temp = null;
        if (thermal) {
            Path zone = Files.createDirectories(sys.resolve("class/thermal/thermal_zone0"));
            Files.writeString(zone.resolve("type"), "cpu-thermal\n");
            temp = Files.writeString(zone.resolve("temp"), Math.round(AMBIENT_C * 1000) + "\n");
        }
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(
                profiles.resolve(PROFILE + ".yaml"),
                "name: " + PROFILE + "\nsensors: [" + (thermal ? "hwmon, thermal" : "hwmon")
                        + "]\npower_source: hwmon\n");
        return new FixtureBoard(sys, profiles, power, temp);
    }

    /** The options that point a command at this board: --profile, --profiles-dir and --sysfs-root. */
    public List<String> options() {
        return List.of("--profile", PROFILE, "--profiles-dir", profiles.toString(), "--sysfs-root", sys.toString());
    }

    /** --sysfs-root */
    public Path sys() {
        return sys;
    }

    /** --profiles-dir (with --profile {@link #PROFILE}) */
    public Path profiles() {
        return profiles;
    }

    private void follow(Path power, Path temp) {
        CpuLoad load = new CpuLoad();
        double tempC = AMBIENT_C;
        long last = System.nanoTime();
        try (FileChannel p = FileChannel.open(power, StandardOpenOption.WRITE);
                FileChannel t = temp == null ? null : FileChannel.open(temp, StandardOpenOption.WRITE)) {
            while (!stop.get()) {
                double busy = load.busy();
                CpuLoad.write(p, (IDLE_W + (FULL_LOAD_W - IDLE_W) * busy) * 1e6); // hwmon: microwatts
                if (t != null) {
                    long ns = System.nanoTime();
                    tempC += (AMBIENT_C + FULL_LOAD_RISE_C * busy - tempC) * Math.min(1, (ns - last) * 1e-9 / TAU_S);
                    last = ns;
                    CpuLoad.write(t, Math.round(tempC * 10) * 100.0); // millidegrees, 0.1 °C steps
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException("fixture board writer failed", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        writer.join();
    }

    /** This machine's CPU load over the last ten calls (about 50 ms at one call every 5 ms), from /proc/stat. */
    static final class CpuLoad {
        private final long[][] ring = new long[10][];
        private int calls;

        double busy() throws IOException {
            long[] now = ticks();
            long[] then = ring[calls % ring.length];
            ring[calls++ % ring.length] = now;
            return then == null || now[1] == then[1] ? 0 : (double) (now[0] - then[0]) / (now[1] - then[1]);
        }

        /** Rewrites a sysfs value in place (a collector keeps it open), fixed width: no old tail is left. */
        static void write(FileChannel file, double value) throws IOException {
            String text = String.format(Locale.ROOT, "%010d%n", Math.round(value));
            file.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), 0);
        }

        /** {busy, total} jiffies of all CPUs from /proc/stat's first line (busy: all but idle and iowait). */
        private static long[] ticks() throws IOException {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int k = 1; k < f.length; k++) {
                total += Long.parseLong(f[k]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        }
    }
}
