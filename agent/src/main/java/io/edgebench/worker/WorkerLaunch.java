package io.edgebench.worker;

import io.edgebench.runtime.onnx.OnnxNatives;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a worker JVM: this JVM's java binary and class path, a bounded heap, and the system properties that
 * steer native library loading passed through (so a daemon's -Dorg.bytedeco.javacpp.cachedir reaches the worker).
 *
 * @param maxHeap the worker's -Xmx, e.g. "256m": inputs and outputs live on the heap, model weights in native memory
 * @param debug accept the {@link DebugCrash} test hook
 */
public record WorkerLaunch(Path java, String classPath, String maxHeap, List<String> extraJvmArgs, boolean debug) {

    /** Property prefixes worth passing to the worker: native library locations and our own switches. */
    private static final List<String> PASSED_PREFIXES = List.of(
            "org.bytedeco.", "onnxruntime.", "ai.onnxruntime.", "java.library.path", "java.io.tmpdir", "edgebench.");

    public WorkerLaunch {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(classPath, "classPath");
        if (maxHeap == null || !maxHeap.matches("\\d+[kmgKMG]?")) {
            throw new IllegalArgumentException("max heap [" + maxHeap + "] must look like 256m");
        }
        extraJvmArgs = extraJvmArgs == null ? List.of() : List.copyOf(extraJvmArgs);
    }

    /** A worker from the same java binary and class path as this JVM. */
    public static WorkerLaunch sameJvm() {
        return new WorkerLaunch(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                absoluteIfOneJar(System.getProperty("java.class.path")),
                "256m",
                List.of(),
                false);
    }

    /** A class-data-sharing archive matches its class path literally: one spelling, whatever the caller's cwd. */
    private static String absoluteIfOneJar(String classPath) {
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            return Path.of(classPath).toAbsolutePath().normalize().toString();
        }
        return classPath;
    }

    public WorkerLaunch withDebug(boolean on) {
        return new WorkerLaunch(java, classPath, maxHeap, extraJvmArgs, on);
    }

    public WorkerLaunch withMaxHeap(String heap) {
        return new WorkerLaunch(java, classPath, heap, extraJvmArgs, debug);
    }

    /** Environment entries to add to the worker's: the class path, kept off the command line. */
    public Map<String, String> environment() {
        return Map.of("CLASSPATH", classPath);
    }

    /** The command line. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add("-Xmx" + maxHeap);
        // Serial GC: no GC worker threads competing with the runtime's threads on a 2-4 core board; the loop
        // allocates nothing, so GC pauses do not hit the timed runs.
        cmd.add("-XX:+UseSerialGC");
        // A Java OOM ends the worker at once (exit 3) instead of limping on; the parent reports it.
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        // Fatal error reports (a native crash in a runtime) go to stderr, which the parent keeps, and the hs_err
        // file to the temp dir instead of the working directory; no core dumps filling a board's SD card.
        cmd.add("-XX:+DisplayVMOutputToStderr");
        cmd.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "edgebench-worker-hs_err_%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        System.getProperties().stringPropertyNames().stream()
                .sorted()
                .filter(k -> PASSED_PREFIXES.stream().anyMatch(k::startsWith))
                .filter(k -> !k.equals(DebugCrash.ENABLE_PROPERTY))
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        if (debug) {
            cmd.add("-D" + DebugCrash.ENABLE_PROPERTY + "=true");
        }
        // Class-data sharing: the worker maps its classes from an archive when `edgebench cds` made one for this jar.
        WorkerArchive.of(java, classPath).ifPresent(a -> cmd.addAll(a.useArgs()));
        // ONNX Runtime's libraries from the same cache folder, not inflated from the jar at every start (unless the
        // user named a folder, passed on above)
        if (System.getProperty(OnnxNatives.PATH_PROPERTY) == null) {
            WorkerArchive.directory()
                    .flatMap(OnnxNatives::prepared)
                    .ifPresent(d -> cmd.add("-D" + OnnxNatives.PATH_PROPERTY + "=" + d));
        }
        cmd.addAll(extraJvmArgs);
        // No -cp here: the class path goes in the CLASSPATH variable (see environment()), because ONNX Runtime
        // 1.29.0 crashes the JVM at start-up when /proc/self/cmdline exceeds about 4 KB (runtime.onnx.OnnxRuntime).
        cmd.add("io.edgebench.cli.Main");
        cmd.add("worker");
        return cmd;
    }
}
