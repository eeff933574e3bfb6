package io.edgebench.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's first start per build prepares faster starts in {@code EDGEBENCH_CDS_DIR}: the CLI's and the
 * workers' class-data-sharing archives (the workers' holding both runtimes' classes: its worker benches a .tflite and
 * then its .onnx twin) and ONNX Runtime's libraries, extracted once; then an ONNX bench runs with them.
 */
@Tag("slow")
class FasterStartsAcceptanceTest {
    @Test
    void firstStart_writesBothArchivesAndTheOnnxLibraries_andAnOnnxBenchUsesThem(@TempDir Path dir) throws Exception {
        Launcher launcher = Launcher.find(dir);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path cds = dir.resolve("cds");
        String env = "EDGEBENCH_CDS_DIR='" + cds + "' ";

        Launcher.Outcome first = launcher.run(env + "edgebench --version", dir, logs, Duration.ofMinutes(15));
        assertEquals(0, first.exitCode(), first.toString());
        List<String> names = names(cds);
        Path workerArchive = cds.resolve(names.stream()
                .filter(n -> n.startsWith("worker-") && n.endsWith(".jsa"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no worker archive in " + names)));
        // an archive names its classes: both runtimes' bindings are in it
        String archived = new String(Files.readAllBytes(workerArchive), StandardCharsets.ISO_8859_1);
        for (String binding : List.of("org/bytedeco/tensorflowlite/Interpreter", "ai/onnxruntime/OrtSession")) {
            assertTrue(archived.contains(binding), binding + " not in " + workerArchive);
        }
        assertTrue(names.stream().anyMatch(n -> n.startsWith("cli-") && n.endsWith(".jsa")), names.toString());
        Path libraries = cds.resolve(names.stream()
                .filter(n -> n.startsWith("onnxruntime-"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ONNX Runtime folder in " + names)));
        assertTrue(Files.size(libraries.resolve("libonnxruntime.so")) > 1_000_000);

        Launcher.Outcome forge = launcher.run(env + "edgebench forge --out m", dir, logs, Duration.ofMinutes(2));
        assertEquals(0, forge.exitCode(), forge.toString());
        Path onnx = names(dir.resolve("m")).stream()
                .filter(n -> n.endsWith(".onnx"))
                .map(dir.resolve("m")::resolve)
                .findFirst()
                .orElseThrow();
        Launcher.Outcome bench = launcher.run(
                env + "edgebench bench '" + onnx + "' --runs 20 --min-seconds 0 --no-telemetry",
                dir,
                logs,
                Duration.ofMinutes(2));
        assertEquals(0, bench.exitCode(), bench.toString());
        assertTrue(bench.stdout().contains("onnx"), bench.toString());
        assertEquals(names, names(cds), "nothing rebuilt or added by the second start");
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
