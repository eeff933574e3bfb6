package io.edgebench.worker;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The worker JVM's class-data-sharing archive (JDK dynamic AppCDS): the ~2,500 classes a worker loads (Jackson,
 * the runtimes' bindings) mapped from one file instead of parsed and verified from the jar at every start.
 *
 * <p>The file name carries a key of the jar (absolute path, size, modification time) and the JVM (java binary,
 * version), so an archive left by an older build or another JDK is never handed to a JVM: it is simply not found,
 * and the worker starts the slow way. Archives are written only by {@code edgebench cds} (first run of the
 * launcher, or the package's install step) into a temporary file renamed once the dumping JVM exited cleanly: a
 * truncated archive would fault the JVM that maps it.
 *
 * @param file where the archive of this jar and JVM lives (it may not exist yet)
 */
public record WorkerArchive(Path file) {
    /** System property naming the archives' folder; {@code off} disables them. */
    public static final String DIR_PROPERTY = "edgebench.cds.dir";
    /** Environment variable with the same meaning, for the launcher and systemd units. */
    public static final String DIR_ENV = "EDGEBENCH_CDS_DIR";

    /**
     * Set only on the worker that dumps the archive: a model it benchmarks once more after its request, with the
     * other runtime, so that runtime's classes are archived too.
     */
    public static final String ALSO_BENCH_PROPERTY = "edgebench.cds.also-bench";

    private static final String PREFIX = "worker-";
    /** The unified-logging tags CDS warns under; off, so nothing but the protocol reaches the worker's stdout. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /**
     * The archive for a worker started with {@code java} on {@code classPath}; empty when archives are off or the
     * class path is not one jar (tests run from class folders, which CDS cannot archive).
     */
    public static Optional<WorkerArchive> of(Path java, String classPath) {
        Optional<Path> dir = directory();
        Path jar = Path.of(classPath).toAbsolutePath();
        if (dir.isEmpty()
                || classPath.contains(File.pathSeparator)
                || !classPath.endsWith(".jar")
                || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try {
            // <jar path>-<build and JVM>: a rebuild replaces its own jar's archive, never another jar's (the demo's)
            String build =
                    Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis() + "|" + java + "|"
                            + System.getProperty("java.vm.version");
            String name = PREFIX + sha256(jar.toString()).substring(0, 8) + "-"
                    + sha256(build).substring(0, 12);
            return Optional.of(new WorkerArchive(dir.get().resolve(name + ".jsa")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The archives' folder: property, then environment, then the user's cache folder; empty when "off". */
    static Optional<Path> directory() {
        String configured = System.getProperty(DIR_PROPERTY, System.getenv(DIR_ENV));
        if ("off".equals(configured)) {
            return Optional.empty();
        }
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(cache.resolve("edgebench").resolve("cds"));
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** JVM flags that map the archive, or none while it does not exist. */
    public List<String> useArgs() {
        if (!exists()) {
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + file, "-Xshare:auto", QUIET.get(0), QUIET.get(1));
    }

    /** JVM flags that make a worker write its archive into {@code temp} when it exits. */
    public List<String> dumpArgs(Path temp) {
        return List.of("-XX:ArchiveClassesAtExit=" + temp, QUIET.get(0), QUIET.get(1));
    }

    /** A fresh temporary name next to the archive (several first runs may dump at once). */
    public Path temporary() throws IOException {
        Files.createDirectories(file.getParent());
        return file.resolveSibling(
                file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    /** Moves a complete dump into place and deletes the archives of older builds of the same jar. */
    public void commit(Path temp) throws IOException {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        String sameJar = file.getFileName().toString().substring(0, PREFIX.length() + 8) + "-*.jsa";
        try (DirectoryStream<Path> old = Files.newDirectoryStream(file.getParent(), sameJar)) {
            for (Path p : old) {
                if (!p.equals(file)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
