package io.edgebench.doctor;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A sane clock: not earlier than this build (a Pi has no RTC and boots with the last saved time, or 1970 without
 * fake-hwclock, and then no TLS certificate verifies), and synchronised when systemd-timesyncd says so
 * ({@code /run/systemd/timesync/synchronized}, beside the injected /etc).
 */
final class ClockCheck {
    /** Used when the build time cannot be read from the class file. */
    static final Instant FLOOR = Instant.parse("2025-01-01T00:00:00Z");

    private ClockCheck() {}

    static Check check(Board board) {
        Instant now = board.clock().instant();
        Instant built = buildTime();
        if (now.isBefore(built)) {
            return Check.fail(
                    "clock",
                    "the clock reads [" + now + "], before this build (" + built + "): TLS"
                            + " certificates will not verify and results carry wrong times",
                    "Enable time sync: sudo timedatectl set-ntp true (systemd-timesyncd), or set the date.");
        }
        Path synced = board.etc().resolveSibling("run").resolve("systemd/timesync/synchronized");
        if (Files.exists(synced)) {
            return Check.ok("clock", now + ", synchronised (systemd-timesyncd)");
        }
        return Check.ok("clock", now + " (not earlier than this build; NTP state unknown here)");
    }

    /** When this class was compiled (the jar keeps the class file's time), at least {@link #FLOOR}. */
    static Instant buildTime() {
        try {
            URL url = ClockCheck.class.getResource("ClockCheck.class");
            long ms = url == null ? 0 : url.openConnection().getLastModified();
            Instant t = Instant.ofEpochMilli(ms);
            return t.isAfter(FLOOR) ? t : FLOOR;
        } catch (java.io.IOException e) {
            return FLOOR;
        }
    }
}
