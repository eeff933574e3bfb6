package io.edgebench.doctor;

import io.edgebench.config.SystemRoots;
import io.edgebench.telemetry.CommandRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code edgebench doctor} looks at, every root injectable so a fixture tree (a Mendel board, a Pi on
 * bullseye) stands in for a real one: /etc (os-release, passwd, group), /sys, /proc, /dev, the small commands it
 * runs (getconf), this JVM's facts, the user the service runs as, the clock, the agent's config file and the
 * environment that may override it.
 *
 * @param osArch the JVM's os.arch: a 32-bit JVM on a 64-bit kernel still cannot load the 64-bit natives
 * @param javaFeature the Java feature release, e.g. 17
 * @param user the account the agent runs as (edgebench when it exists, else the current user)
 */
public record Board(
        Path etc,
        SystemRoots roots,
        CommandRunner commands,
        String osArch,
        int javaFeature,
        String user,
        Clock clock,
        Path config,
        Map<String, String> env) {
    public Board {
        Objects.requireNonNull(etc, "etc");
        Objects.requireNonNull(roots, "roots");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(osArch, "osArch");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(config, "config");
        env = Map.copyOf(env);
    }

    /** This machine as it is. */
    public static Board host(Path config, String user) {
        return new Board(
                Path.of("/etc"),
                SystemRoots.host(),
                CommandRunner.PROCESS,
                System.getProperty("os.arch"),
                Runtime.version().feature(),
                user,
                Clock.systemUTC(),
                config,
                System.getenv());
    }

    public Board withRoots(Path etc, SystemRoots roots) {
        return new Board(etc, roots, commands, osArch, javaFeature, user, clock, config, env);
    }

    public Board withCommands(CommandRunner commands) {
        return new Board(etc, roots, commands, osArch, javaFeature, user, clock, config, env);
    }

    public Board withJvm(String osArch, int javaFeature) {
        return new Board(etc, roots, commands, osArch, javaFeature, user, clock, config, env);
    }

    public Board withClock(Clock clock) {
        return new Board(etc, roots, commands, osArch, javaFeature, user, clock, config, env);
    }
}
