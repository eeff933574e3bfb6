package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.inputs.TestFiles;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.model.forge.Layer;
import io.edgebench.model.forge.Network;
import io.edgebench.model.forge.ReferenceExecutor;
import io.edgebench.results.InputScale;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * --reference end to end: a reference set written by an implementation independent of both runtimes (the forge's
 * plain-Java reference executor, fed the same images with the --input normalization), reproduced by the TFLite and
 * the ONNX Runtime lane; the same model with one weight changed drifts.
 */
@Timeout(600)
class ReferenceCompareTest {
    private static final int SAMPLES = 12;

    /** DIR/inputs/NNN.png and DIR/outputs/output/NNN.npy from the float network. */
    static Path referenceSet(Path dir, Network net) throws Exception {
        Files.createDirectories(dir.resolve("inputs"));
        Files.createDirectories(dir.resolve("outputs/output"));
        for (int k = 1; k <= SAMPLES; k++) {
            String stem = String.format("%03d", k);
            TestFiles.png(dir.resolve("inputs/" + stem + ".png"), 32, 32, k);
            float[] x = TestFiles.pattern(32, 32, k, false, InputScale.DEFAULT_MEAN, InputScale.DEFAULT_STD);
            float[] y = ReferenceExecutor.run(net, x);
            TestFiles.npy(
                    dir.resolve("outputs/output/" + stem + ".npy"),
                    "<f4",
                    List.of(1L, (long) y.length),
                    TestFiles.floats(y));
        }
        return dir;
    }

    /** The .tflite with the first conv's first weight moved by +0.5 (found by its bytes). */
    static Path perturbed(Path tflite, Network net, Path out) throws Exception {
        Layer.Conv conv = net.layers().stream()
                .filter(l -> l instanceof Layer.Conv)
                .map(l -> (Layer.Conv) l)
                .findFirst()
                .orElseThrow();
        float[] w = conv.weights();
        byte[] pattern = TestFiles.floats(new float[] {w[0], w[1], w[2], w[3]});
        byte[] file = Files.readAllBytes(tflite);
        int at = indexOf(file, pattern);
        assertTrue(at > 0, "first conv weights not found in " + tflite);
        byte[] changed = TestFiles.floats(new float[] {w[0] + 0.5f});
        System.arraycopy(changed, 0, file, at, 4);
        return Files.write(out, file);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }

    @Test
    void bothLanesReproduceAnIndependentReference_andAPerturbedModelDrifts(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Network net = Forge.network(ForgeSpec.tiny());
        Path ref = referenceSet(dir.resolve("ref"), net);
        Path json = dir.resolve("ok.json");
        StringWriter out = new StringWriter();
        int code = run(
                out,
                QuickCompare.args(
                        "tflite:cpu,onnx:cpu",
                        List.of(f32.tflite(), f32.onnx()),
                        "--reference",
                        ref.toString(),
                        "--json",
                        json.toString()));
        assertEquals(ExitCode.OK, code, out.toString());
        JsonNode checks = Json.mapper().readTree(json.toFile()).get("reference");
        assertEquals(2, checks.size(), checks.toString());
        for (JsonNode c : checks) {
            assertTrue(c.get("reproduces").asBoolean(), c.toString());
            assertEquals(SAMPLES, c.get("agreement").get("inputs").asInt());
            assertTrue(
                    c.get("verdict")
                            .asText()
                            .matches(
                                    ".* reproduces the reference \\(max abs [0-9.e-]+, mean abs [0-9.e-]+, min cosine 1.000000, top-1"
                                            + " agrees on 100.0 % of 12 inputs\\)"),
                    c.get("verdict").asText());
        }
        assertTrue(out.toString().contains("Reference outputs, 12 inputs:"), out.toString());

        Path bad = perturbed(f32.tflite(), net, dir.resolve("tiny_f32_perturbed.tflite"));
        StringWriter out2 = new StringWriter();
        Path json2 = dir.resolve("drift.json");
        int code2 = run(
                out2,
                QuickCompare.args(
                        "tflite:cpu", List.of(bad), "--reference", ref.toString(), "--json", json2.toString()));
        assertEquals(ExitCode.FAILED, code2, out2.toString());
        JsonNode drift = Json.mapper().readTree(json2.toFile()).get("reference").get(0);
        assertFalse(drift.get("reproduces").asBoolean());
        assertTrue(
                drift.get("verdict")
                        .asText()
                        .startsWith("tiny_f32_perturbed.tflite tflite:cpu drifts: top-1" + " agrees on "),
                drift.get("verdict").asText());
        assertTrue(
                drift.get("verdict").asText().contains("max abs error"),
                drift.get("verdict").asText());
    }

    @Test
    void missingOutputsFolder_isABadInputErrorNamingTheLayout(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Files.createDirectories(dir.resolve("ref/inputs"));
        StringWriter out = new StringWriter();
        int code = run(
                out,
                "compare",
                f32.tflite().toString(),
                "--delegates",
                "tflite:cpu",
                "--reference",
                dir.resolve("ref").toString());
        assertTrue(code != ExitCode.OK, out.toString());
        assertTrue(
                out.toString()
                        .contains("has no outputs/ folder (or it is a symbolic link); expected DIR/inputs/ and"
                                + " DIR/outputs/ (see docs/accuracy.md)"),
                out.toString());
    }

    @Test
    void savedReferenceFromTheTfliteLane_isReproducedByTheOnnxLane(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int k = 1; k <= 6; k++) {
            TestFiles.png(images.resolve("img" + k + ".png"), 40, 24, k); // resized to 32x32 by the input rules
        }
        Path saved = dir.resolve("saved");
        StringWriter out = new StringWriter();
        int code = run(
                out,
                QuickCompare.args(
                        "tflite:cpu",
                        List.of(f32.tflite()),
                        "--input",
                        images.toString(),
                        "--save-reference",
                        saved.toString(),
                        "--quiet"));
        assertEquals(ExitCode.OK, code, out.toString());
        assertEquals(6, Files.list(saved.resolve("outputs/output")).count());
        Path json = dir.resolve("check.json");
        int code2 = run(
                out,
                QuickCompare.args(
                        "onnx:cpu",
                        List.of(f32.onnx()),
                        "--reference",
                        saved.toString(),
                        "--quiet",
                        "--json",
                        json.toString()));
        assertEquals(ExitCode.OK, code2, out.toString());
        JsonNode c = Json.mapper().readTree(json.toFile()).get("reference").get(0);
        assertTrue(c.get("reproduces").asBoolean(), c.toString());
        assertEquals(6, c.get("agreement").get("inputs").asInt());
    }
}
