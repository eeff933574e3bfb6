package io.edgebench.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks that need no fixture tree: the JVM's bitness and version, glibc parsing, the clock. */
class OsAndClockChecksTest {
    @TempDir
    Path tmp;

    private Board board() {
        return Board.host(tmp.resolve("agent.yaml"), "edgebench")
                .withRoots(tmp.resolve("etc"), io.edgebench.config.SystemRoots.under(tmp));
    }

    @Test
    void thirtyTwoBitJvm_failsWithThe64BitHint() {
        Check c = OsChecks.bits(board().withJvm("arm", 17));
        assertEquals(Check.Status.FAIL, c.status());
        assertEquals(
                "this JVM runs on [arm]: edgebench ships natives for 64-bit Linux on x86_64 and aarch64 only.",
                c.detail());
        assertTrue(c.fix().startsWith("Install the 64-bit OS"), c.fix());
        assertEquals(
                Check.Status.OK, OsChecks.bits(board().withJvm("aarch64", 17)).status());
    }

    @Test
    void java11_fails_java21_passes() {
        assertEquals(
                Check.Status.FAIL, OsChecks.java(board().withJvm("amd64", 11)).status());
        assertEquals("Java 21", OsChecks.java(board().withJvm("amd64", 21)).detail());
    }

    @Test
    void glibc_withoutGetconf_failsAsMuslLike() {
        Check c = OsChecks.glibc(board().withCommands((argv, timeout) -> {
            throw new java.io.IOException("Cannot run program \"getconf\"");
        }));
        assertEquals(Check.Status.FAIL, c.status());
        assertTrue(c.fix().contains("musl"), c.fix());
        assertEquals(
                "2.39 (>= 2.34)",
                OsChecks.glibc(board().withCommands((argv, t) -> "glibc 2.39\n"))
                        .detail());
    }

    @Test
    void clockBeforeThisBuild_fails_andASyncedClockSaysSo() throws Exception {
        Check epoch = ClockCheck.check(board().withClock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)));
        assertEquals(Check.Status.FAIL, epoch.status());
        assertTrue(
                epoch.detail().startsWith("the clock reads [1970-01-01T00:00:00Z], before this build ("),
                epoch.detail());
        Files.createDirectories(tmp.resolve("run/systemd/timesync"));
        Files.writeString(tmp.resolve("run/systemd/timesync/synchronized"), "");
        Check synced = ClockCheck.check(board());
        assertEquals(Check.Status.OK, synced.status());
        assertTrue(synced.detail().endsWith(", synchronised (systemd-timesyncd)"), synced.detail());
    }

    @Test
    void debianTrixie_withoutVersionNumberProblems_isOk() throws Exception {
        Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(
                tmp.resolve("etc/os-release"),
                "PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nID=debian\n" + "VERSION_ID=\"13\"\n");
        Check c = OsChecks.os(board());
        assertEquals(Check.Status.OK, c.status());
        assertEquals("Debian GNU/Linux 13 (trixie)", c.detail());
    }
}
