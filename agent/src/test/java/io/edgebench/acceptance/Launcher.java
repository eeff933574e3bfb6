package io.edgebench.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The edgebench a user runs: the repository's {@code ./edgebench} by default, or the launcher named by the system
 * property {@value #PROPERTY} or the environment variable {@value #ENV} (CI sets it to the installed package's
 * /usr/bin/edgebench). Commands run through bash, as typed, with a PATH whose {@code edgebench} is that launcher.
 */
final class Launcher {
    static final String PROPERTY = "edgebench.launcher";
    static final String ENV = "EDGEBENCH_LAUNCHER";

    /** What a finished command returned and printed. */
    record Outcome(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private final Path launcher;
    private final Path repository;
    private final Path binDir;

    private Launcher(Path launcher, Path repository, Path binDir) {
        this.launcher = launcher;
        this.repository = repository;
        this.binDir = binDir;
    }

    /** The launcher under test, with a PATH directory for it made in {@code scratch}. */
    static Launcher find(Path scratch) throws IOException {
        Path repo = repository();
        String named = System.getProperty(PROPERTY, System.getenv(ENV));
        Path launcher = named == null || named.isBlank() ? repo.resolve("edgebench") : Path.of(named);
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("launcher [" + launcher + "] is not an executable file; set -D" + PROPERTY
                    + " or $" + ENV + " to the edgebench to test");
        }
        Path bin = Files.createDirectories(scratch.resolve("bin"));
        // A wrapper, not a symlink: the repository's launcher finds its jar next to its own path.
        Path wrapper = bin.resolve("edgebench");
        Files.writeString(wrapper, "#!/bin/sh\nexec '" + launcher.toAbsolutePath() + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Launcher(launcher.toAbsolutePath(), repo, bin);
    }

    /** The repository root: the first directory above the working directory with both pom.xml and docs/. */
    static Path repository() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("docs"))) {
                return d;
            }
        }
        throw new IllegalStateException(
                "no repository root (pom.xml and docs/) above " + Path.of("").toAbsolutePath());
    }

    Path repositoryRoot() {
        return repository;
    }

    boolean isRepositoryLauncher() {
        return launcher.equals(repository.resolve("edgebench").toAbsolutePath());
    }

    /**
     * bash -c COMMAND in {@code dir}, its stdout and stderr kept in {@code logs} (never in the user's directory);
     * fails when it outlives {@code timeout}.
     */
    Outcome run(String command, Path dir, Path logs, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile(logs, "out", ".txt");
        Path err = Files.createTempFile(logs, "err", ".txt");
        Process p = start(command, false, dir, out, err);
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("[" + command + "] did not finish within " + timeout.toSeconds() + " s");
        }
        return new Outcome(p.exitValue(), read(out), read(err));
    }

    /**
     * Starts COMMAND in {@code dir}. A daemon (its trailing {@code &} dropped) is exec'd so that the process
     * returned is the launcher's JVM itself and SIGTERM reaches it, as systemd's would.
     */
    Process start(String command, boolean daemon, Path dir, Path stdout, Path stderr) throws IOException {
        String line = command.endsWith("&")
                ? command.substring(0, command.length() - 1).strip()
                : command;
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", daemon ? "exec " + line : line))
                .directory(dir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        pb.environment().put("PATH", binDir + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return pb.start();
    }

    static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
