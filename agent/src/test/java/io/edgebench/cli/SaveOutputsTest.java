package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.inputs.TestFiles;
import io.edgebench.json.Json;
import io.edgebench.model.ModelInspector;
import io.edgebench.model.TensorInfo;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * compare --save-outputs end to end: every lane's outputs land as .npy files a user's tools read (parsed back here
 * from the bytes), one per input, in the model's output shape; two lanes of one network agree; a DIR that could
 * mix or redirect files is refused before any lane runs.
 */
@Timeout(600)
class SaveOutputsTest {
    private static final int IMAGES = 4;

    private static int run(StringWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }

    private static String[] compare(Forge.Result f32, Path images, Path saved) {
        return QuickCompare.args(
                "tflite:cpu,onnx:cpu",
                List.of(f32.tflite(), f32.onnx()),
                "--input",
                images.toString(),
                "--save-outputs",
                saved.toString(),
                "--quiet");
    }

    /** A numpy 1.0 file's shape and float32 values, read from its bytes as numpy.load would. */
    record Npy(List<Long> shape, float[] values) {
        static Npy read(Path file) throws Exception {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[8];
            b.get(magic);
            assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, magic, file.toString());
            byte[] h = new byte[b.getShort()];
            b.get(h);
            String header = new String(h, StandardCharsets.ISO_8859_1);
            assertTrue(header.contains("'descr': '<f4'") && header.contains("'fortran_order': False"), header);
            assertEquals(0, (10 + h.length) % 64, "header not padded to 64 bytes: " + header);
            Matcher m = Pattern.compile("'shape': \\(([0-9, ]*)\\)").matcher(header);
            assertTrue(m.find(), header);
            List<Long> shape = Arrays.stream(m.group(1).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(Long::parseLong)
                    .toList();
            float[] values = new float[b.remaining() / 4];
            assertEquals(0, b.remaining() % 4, file + ": trailing bytes");
            for (int i = 0; i < values.length; i++) {
                values[i] = b.getFloat();
            }
            return new Npy(shape, values);
        }
    }

    @Test
    void compare_savesEveryLanesOutputsPerInput_andLanesOfOneNetworkAgree(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int k = 1; k <= IMAGES; k++) {
            TestFiles.png(images.resolve("img" + k + ".png"), 40, 24, k);
        }
        Path saved = dir.resolve("saved");
        StringWriter out = new StringWriter();
        int code = run(out, compare(f32, images, saved));
        assertEquals(ExitCode.OK, code, out.toString());

        List<TensorInfo> modelOutputs = ModelInspector.inspect(f32.tflite()).outputs();
        JsonNode index = Json.mapper().readTree(saved.resolve("index.json").toFile());
        JsonNode lanes = index.get("lanes");
        assertEquals(2, lanes.size(), index.toString());
        JsonNode samples = index.get("samples");
        assertEquals(IMAGES, samples.size(), index.toString());
        for (int k = 0; k < IMAGES; k++) {
            assertEquals(
                    String.format("%05d.npy", k + 1), samples.get(k).get("file").asText());
            assertTrue(
                    samples.get(k).get("inputs").toString().contains("img" + (k + 1) + ".png"),
                    "sample " + (k + 1) + " should name its image: " + samples.get(k));
        }
        List<List<float[]>> perLane = new ArrayList<>();
        for (JsonNode lane : lanes) {
            assertTrue(lane.get("saved").asBoolean(), lane.toString());
            assertEquals(modelOutputs.size(), lane.get("outputs").size(), lane.toString());
            JsonNode output = lane.get("outputs").get(0);
            Path folder = saved.resolve(lane.get("folder").asText())
                    .resolve(output.get("folder").asText());
            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(IMAGES, files.count(), folder.toString());
            }
            long count = modelOutputs.get(0).shape().stream().reduce(1L, (a, b) -> a * b);
            List<float[]> values = new ArrayList<>();
            for (int k = 1; k <= IMAGES; k++) {
                Npy npy = Npy.read(folder.resolve(String.format("%05d.npy", k)));
                assertEquals(
                        count,
                        npy.shape().stream().reduce(1L, (a, b) -> a * b),
                        npy.shape().toString());
                assertEquals(count, npy.values().length);
                values.add(npy.values());
            }
            perLane.add(values);
        }
        String label = lanes.get(0).get("label").asText();
        assertTrue(label.endsWith(".tflite tflite:cpu"), label);
        assertEquals(
                label.replaceAll("[^A-Za-z0-9._-]", "_"),
                lanes.get(0).get("folder").asText());
        for (int k = 0; k < IMAGES; k++) {
            float[] a = perLane.get(0).get(k);
            float[] b = perLane.get(1).get(k);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-4, "input " + (k + 1) + " value " + i + ": tflite vs onnx");
            }
            assertTrue(
                    k == 0 || !Arrays.equals(a, perLane.get(0).get(0)),
                    "inputs " + (k + 1) + " and 1 gave the same outputs: one input repeated?");
        }

        // bench saves the input it timed with (--seed 2: the 2nd file), the same values compare's tflite lane gave
        Path benchSaved = dir.resolve("bench-saved");
        StringWriter benchOut = new StringWriter();
        int benchCode = run(benchOut, bench(f32.tflite(), images, benchSaved));
        assertEquals(ExitCode.OK, benchCode, benchOut.toString());
        JsonNode benchIndex =
                Json.mapper().readTree(benchSaved.resolve("index.json").toFile());
        assertEquals(1, benchIndex.get("lanes").size(), benchIndex.toString());
        assertEquals(label, benchIndex.get("lanes").get(0).get("label").asText());
        assertEquals(1, benchIndex.get("samples").size(), benchIndex.toString());
        assertEquals(2, benchIndex.get("samples").get(0).get("seed").asLong());
        assertTrue(
                benchIndex.get("samples").get(0).get("inputs").toString().contains("img2.png"), benchIndex.toString());
        JsonNode output = benchIndex.get("lanes").get(0).get("outputs").get(0);
        Path benchFolder = benchSaved
                .resolve(benchIndex.get("lanes").get(0).get("folder").asText())
                .resolve(output.get("folder").asText());
        try (Stream<Path> files = Files.list(benchFolder)) {
            assertEquals(1, files.count(), benchFolder.toString());
        }
        Npy npy = Npy.read(benchFolder.resolve("00001.npy"));
        assertEquals(modelOutputs.get(0).shape(), npy.shape());
        assertArrayEquals(perLane.get(0).get(1), npy.values(), 1e-6f, "bench --seed 2 vs compare's sample 2");
    }

    private static String[] bench(Path model, Path images, Path saved) {
        return new String[] {
            "bench",
            model.toString(),
            "--delegate",
            "cpu", // compare's tflite:cpu lane (bench's default is xnnpack)
            "--threads",
            "1",
            "--runs",
            "3",
            "--min-seconds",
            "0",
            "--max-seconds",
            "1",
            "--no-telemetry",
            "--input",
            images.toString(),
            "--seed",
            "2",
            "--save-outputs",
            saved.toString(),
            "--quiet"
        };
    }

    @Test
    void saveOutputs_refusesASymlinkAFileAndANonEmptyFolder(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Path images = Files.createDirectories(dir.resolve("images"));
        TestFiles.png(images.resolve("img1.png"), 40, 24, 1);
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), elsewhere);
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        for (var c : List.of(
                List.of(link, "is a symbolic link; expected a real folder"),
                List.of(file, "is a file; expected a folder"),
                List.of(full, "is not empty; expected a new or empty folder"))) {
            StringWriter out = new StringWriter();
            int code = run(out, compare(f32, images, (Path) c.get(0)));
            assertEquals(ExitCode.USAGE, code, out.toString());
            assertTrue(out.toString().contains("--save-outputs [" + c.get(0) + "] " + c.get(1)), out.toString());
            assertTrue(out.toString().contains("give a new or empty folder"), out.toString());
        }
        StringWriter benchOut = new StringWriter();
        assertEquals(ExitCode.USAGE, run(benchOut, bench(f32.tflite(), images, full)), benchOut.toString());
        assertTrue(benchOut.toString().contains("--save-outputs [" + full + "] is not empty"), benchOut.toString());
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertEquals(0, s.count(), "nothing written through the link");
        }
        assertEquals("mine", Files.readString(full.resolve("keep.txt")));
    }
}
