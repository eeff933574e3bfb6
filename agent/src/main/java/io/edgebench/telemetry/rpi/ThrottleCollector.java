package io.edgebench.telemetry.rpi;

import io.edgebench.config.SystemRoots;
import io.edgebench.interference.FirmwareThrottle;
import io.edgebench.telemetry.Channel;
import io.edgebench.telemetry.Collector;
import io.edgebench.telemetry.CommandRunner;
import io.edgebench.telemetry.Quantity;
import io.edgebench.telemetry.SensorSet;
import io.edgebench.telemetry.SysfsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raspberry Pi throttling flags: the firmware driver's sysfs {@code get_throttled} attribute (hex, no 0x) where
 * the kernel has it, else {@code vcgencmd get_throttled} ("throttled=0x50005").
 */
public final class ThrottleCollector implements Collector {
    static final List<String> VCGENCMD = List.of("vcgencmd", "get_throttled");
    private static final Pattern OUTPUT = Pattern.compile("throttled=0x([0-9a-fA-F]+)");
    private static final List<Channel> CHANNELS = List.of(new Channel("rpi/throttled", Quantity.THROTTLE_FLAGS));

    private final SysfsFile sysfs;
    private final CommandRunner runner;

    private ThrottleCollector(SysfsFile sysfs, CommandRunner runner) {
        this.sysfs = sysfs;
        this.runner = runner;
    }

    public static void probe(SystemRoots roots, CommandRunner runner, SensorSet.Builder out) {
        Optional<Path> attr = FirmwareThrottle.find(roots.sys());
        if (attr.isPresent()) {
            try {
                SysfsFile f = SysfsFile.open(attr.get());
                f.readHex();
                out.add(new ThrottleCollector(f, null));
                return;
            } catch (IOException e) {
                // fall through to vcgencmd, which asks the same firmware over the mailbox
            }
        }
        try {
            parse(runner.run(VCGENCMD, Duration.ofSeconds(2)));
            out.add(new ThrottleCollector(null, runner));
        } catch (IOException e) {
            out.absent(
                    "rpi_throttle",
                    "no soc:firmware/get_throttled under " + roots.sys().resolve("devices/platform")
                            + " and vcgencmd get_throttled failed (" + e.getMessage() + ")");
        }
    }

    static long parse(String output) throws IOException {
        Matcher m = OUTPUT.matcher(output);
        if (!m.find()) {
            throw new IOException("vcgencmd get_throttled printed [" + output.trim() + "], expected throttled=0x...");
        }
        return Long.parseLong(m.group(1), 16);
    }

    @Override
    public String source() {
        return "rpi_throttle";
    }

    @Override
    public List<Channel> channels() {
        return CHANNELS;
    }

    /** Each read is a firmware mailbox call (sysfs) or a process (vcgencmd): keep it rare. */
    @Override
    public double maxRateHz() {
        return sysfs != null ? 10 : 2;
    }

    @Override
    public void read(double[] values) throws IOException {
        values[0] = sysfs != null ? sysfs.readHex() : parse(runner.run(VCGENCMD, Duration.ofSeconds(2)));
    }

    @Override
    public void close() {
        if (sysfs != null) {
            sysfs.close();
        }
    }
}
