package io.edgebench.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.bench.BenchRunner;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.results.BenchParams;
import io.edgebench.results.BenchResult;
import io.edgebench.results.Delegate;
import io.edgebench.telemetry.RunTelemetry;
import io.edgebench.worker.BenchListener;
import io.edgebench.worker.WorkerArchive;
import io.edgebench.worker.WorkerLaunch;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxNativesTest {
    private static final String LIB = "libonnxruntime.so";

    @TempDir
    Path tmp;

    @AfterEach
    void clear() {
        System.clearProperty(WorkerArchive.DIR_PROPERTY);
    }

    @Test
    void prepared_extractsBothLibrariesOnce_andReusesThem() throws Exception {
        Path dir = OnnxNatives.prepared(tmp).orElseThrow();
        assertEquals(tmp, dir.getParent());
        long size = Files.size(dir.resolve(LIB));
        assertTrue(size > 1_000_000, "ONNX Runtime's library, " + size + " bytes");
        assertTrue(Files.size(dir.resolve("libonnxruntime4j_jni.so")) > 10_000);
        FileTime written = Files.getLastModifiedTime(dir.resolve(LIB));
        Files.setLastModifiedTime(dir.resolve(LIB), FileTime.fromMillis(written.toMillis() - 60_000));

        assertEquals(dir, OnnxNatives.prepared(tmp).orElseThrow());
        assertEquals(
                written.toMillis() - 60_000,
                Files.getLastModifiedTime(dir.resolve(LIB)).toMillis(),
                "not rewritten");
        try (var left = Files.list(tmp)) {
            assertEquals(1, left.count(), "no temp folder left behind");
        }
    }

    @Test
    void prepared_replacesATruncatedLibrary_aSymlink_andAGroupWritableFolder() throws Exception {
        Path dir = OnnxNatives.prepared(tmp).orElseThrow();
        long size = Files.size(dir.resolve(LIB));

        Files.write(dir.resolve(LIB), new byte[100]); // a disk that filled up mid-copy
        assertEquals(size, Files.size(OnnxNatives.prepared(tmp).orElseThrow().resolve(LIB)));

        Path elsewhere = Files.copy(dir.resolve(LIB), tmp.resolve("someone-elses.so"));
        Files.delete(dir.resolve(LIB));
        Files.createSymbolicLink(dir.resolve(LIB), elsewhere);
        OnnxNatives.prepared(tmp).orElseThrow();
        assertTrue(Files.isRegularFile(dir.resolve(LIB), LinkOption.NOFOLLOW_LINKS), "the link is replaced by a file");

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxr-x"));
        OnnxNatives.prepared(tmp).orElseThrow();
        assertFalse(
                Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE));
        assertTrue(Files.exists(elsewhere), "a link's target is never deleted");
    }

    @Test
    void prepared_whereNothingCanBeWritten_isEmpty_andTheWorkerExtractsItself() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x");
        assertTrue(OnnxNatives.prepared(notAFolder.resolve("cds")).isEmpty());

        System.setProperty(WorkerArchive.DIR_PROPERTY, notAFolder.resolve("cds").toString());
        assertTrue(
                WorkerLaunch.sameJvm().command().stream()
                        .noneMatch(a -> a.startsWith("-D" + OnnxNatives.PATH_PROPERTY)),
                "no folder, no property");
    }

    @Test
    void worker_runsAnOnnxBench_withTheLibrariesFromTheCacheFolder() throws Exception {
        System.setProperty(WorkerArchive.DIR_PROPERTY, tmp.resolve("cds").toString());
        WorkerLaunch launch = WorkerLaunch.sameJvm();
        Path dir = OnnxNatives.prepared(tmp.resolve("cds")).orElseThrow();
        // ONNX Runtime loads from a named folder or fails: it does not fall back to its own extraction
        assertTrue(
                launch.command().contains("-D" + OnnxNatives.PATH_PROPERTY + "=" + dir),
                launch.command().toString());

        Path model = Forge.forge(ForgeSpec.tiny(), Files.createDirectories(tmp.resolve("m")))
                .onnx();
        BenchParams p = BenchParams.builder(model)
                .delegate(Delegate.CPU)
                .threads(1)
                .warmupRuns(1)
                .warmupSeconds(0.0)
                .runs(5)
                .minSeconds(0.0)
                .sampleHz(0.0)
                .build();
        BenchResult r = new BenchRunner(launch, BenchRunner.Limits.defaults())
                .run(p, RunTelemetry.OFF, BenchListener.NONE, () -> false);
        assertEquals(BenchResult.Status.OK, r.status(), String.valueOf(r.error()));
    }
}
