package io.edgebench.worker;

import io.edgebench.results.BenchParams;
import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the {@link WorkerArchive}: runs one worker on a small model with -XX:ArchiveClassesAtExit, waits (bounded)
 * until it has exited cleanly, then moves the dump into place. A worker that fails, is killed or times out leaves
 * no archive, and later workers start the slow way.
 */
public final class WorkerArchiveBuilder {
    /** Dumping ~2,500 classes took 1.1 s on a 2-core VM; a Pi 4's JVM is several times slower. */
    private static final long EXIT_WAIT_MS = 120_000;

    private final WorkerLaunch launch;

    public WorkerArchiveBuilder(WorkerLaunch launch) {
        this.launch = launch;
    }

    /** A bench of one run on 1 thread, no warm-up: it loads the classes a worker needs, and takes no time. */
    public static WorkerRequest oneRun(Path model, RuntimeKind runtime, Delegate delegate) {
        return WorkerRequest.bench(BenchParams.builder(model)
                .runtime(runtime)
                .delegate(delegate)
                .threads(1)
                .warmupRuns(0)
                .warmupSeconds(0.0)
                .runs(1)
                .minSeconds(0.0)
                .maxSeconds(60.0)
                .sampleHz(0.0)
                .build());
    }

    /**
     * Builds the archive by benchmarking {@code tfliteModel} once (XNNPACK, 1 thread), then {@code onnxModel} in the
     * same worker, so the archive holds both runtimes' classes (an ONNX worker loaded 300 classes from the jar
     * without them: 70-85 ms of its start on a 2-core VM); returns what happened.
     */
    public String build(WorkerArchive archive, Path tfliteModel, Path onnxModel)
            throws IOException, InterruptedException {
        Path temp = archive.temporary();
        List<String> jvmArgs = new ArrayList<>(launch.extraJvmArgs());
        jvmArgs.addAll(archive.dumpArgs(temp));
        jvmArgs.add("-D" + WorkerArchive.ALSO_BENCH_PROPERTY + "=" + onnxModel);
        WorkerLaunch dumping = new WorkerLaunch(launch.java(), launch.classPath(), launch.maxHeap(), jvmArgs, false);
        try (WorkerProcess worker =
                WorkerProcess.start(dumping, oneRun(tfliteModel, RuntimeKind.TFLITE, Delegate.XNNPACK))) {
            WorkerMessage last = null;
            boolean benched = false; // the TFLite bench; the ONNX one only adds classes, the archive is good without
            long deadline = System.nanoTime() + EXIT_WAIT_MS * 1_000_000;
            while (!worker.ended() && System.nanoTime() < deadline) {
                WorkerMessage m = worker.poll(100);
                last = m == null ? last : m;
                benched |= m != null && m.type() == WorkerMessage.Type.BENCH;
            }
            Integer code = worker.awaitExit(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (code == null || code != 0 || !benched || !Files.isRegularFile(temp) || Files.size(temp) == 0) {
                Files.deleteIfExists(temp);
                return "worker archive not written (worker exit " + code + ", last message "
                        + (last == null ? "none" : last.type().id()) + "; "
                        + worker.tail().summary(3) + ")";
            }
        }
        long bytes = Files.size(temp);
        archive.commit(temp);
        return "worker archive written: " + archive.file() + " (" + bytes / 1024 + " KiB)";
    }
}
