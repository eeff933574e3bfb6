package io.edgebench.interference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a Raspberry Pi kernel exposes the firmware's throttling flags (hex, no 0x): soc/soc:firmware/get_throttled on
 * the Pi 4, soc@107c000000/soc@107c000000:firmware/get_throttled on the Pi 5. Bits 0-3 are the current conditions
 * (under-voltage, arm frequency capped, throttled, soft temperature limit), bits 16-19 the same since boot.
 */
public final class FirmwareThrottle {
    /** The current-condition bits 0-3. */
    public static final long NOW_MASK = 0xF;

    private FirmwareThrottle() {}

    /** The attribute under {@code sysRoot}/devices/platform, or empty (not a Pi, or an older kernel). */
    public static Optional<Path> find(Path sysRoot) {
        Path platform = sysRoot.resolve("devices/platform");
        if (!Files.isDirectory(platform)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.find(
                platform,
                3,
                (p, a) -> p.getFileName().toString().equals("get_throttled")
                        && p.getParent().getFileName().toString().endsWith("firmware"))) {
            return s.sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
