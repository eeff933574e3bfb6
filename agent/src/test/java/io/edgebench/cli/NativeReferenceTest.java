package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.calibrate.NativeBaseline;
import io.edgebench.inputs.TestFiles;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.model.forge.Layer;
import io.edgebench.model.forge.Network;
import io.edgebench.model.forge.ReferenceExecutor;
import io.edgebench.results.InputScale;
import io.edgebench.results.RuntimeKind;
import java.io.IOException;
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
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 23's independent reference from outside the JVM: the project's C baseline (native/baseline, reference mode)
 * runs a forged float model through TFLite's and ONNX Runtime's plain C APIs and writes the reference set as .npy;
 * the matching lane of {@code edgebench compare --reference} reproduces it within its tolerance, and the same model
 * with one weight changed drifts against it (compare exits 1). Skipped, saying why, where the jar's build left no
 * baseline program for this machine.
 */
@Timeout(600)
class NativeReferenceTest {
    private static final int SAMPLES = 6;
    private static final long BASELINE_TIMEOUT_S = 300;

    private record Baseline(int exit, String output) {}

    @Test
    void tfliteLane_reproducesTheCReference_andAPerturbedModelDrifts(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Network net = Forge.network(ForgeSpec.tiny());
        Path bad = ReferenceCompareTest.perturbed(f32.tflite(), net, dir.resolve("tiny_f32_perturbed.tflite"));
        reproducedAndDrifting(dir, RuntimeKind.TFLITE, net, f32.tflite(), bad);
    }

    @Test
    void onnxLane_reproducesTheCReference_andAPerturbedModelDrifts(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Network net = Forge.network(ForgeSpec.tiny());
        Path bad = perturbedOnnx(f32.onnx(), net, dir.resolve("tiny_f32_perturbed.onnx"));
        reproducedAndDrifting(dir, RuntimeKind.ONNX, net, f32.onnx(), bad);
    }

    @Test
    void malformedInputs_areRefusedNamingTheFile_andLeaveNoReferenceBehind(@TempDir Path dir) throws Exception {
        NativeBaseline baseline = baselineOrSkip(dir);
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        byte[] data = TestFiles.floats(new float[32 * 32 * 3]);
        String good = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 32, 32, 3), }";
        List<String[]> cases = List.of(
                new String[] {good.replace("False", "True"), "is in Fortran order"},
                new String[] {good.replace("<f4", "<f8"), "holds no '<f4' (little-endian float32) data"},
                new String[] {
                    good.replace("(1, 32, 32, 3)", "(1, 3, 32, 32)"),
                    "has shape (1, 3, 32, 32); the model's input takes (1, 32, 32, 3)"
                },
                new String[] {good.replace(", }", ", 'extra': 1, }"), "has a header key other than"});
        for (int i = 0; i < cases.size(); i++) {
            Path in = Files.createDirectories(dir.resolve("bad" + i));
            Files.write(in.resolve("a.npy"), npy(cases.get(i)[0], data));
            Path out = dir.resolve("ref" + i);
            Baseline r = runBaseline(baseline, RuntimeKind.TFLITE, f32.tflite(), in, out);
            assertEquals(2, r.exit(), r.output());
            assertTrue(
                    r.output().contains("input [" + in.resolve("a.npy") + "] " + cases.get(i)[1]),
                    cases.get(i)[0] + " -> " + r.output());
            assertFalse(Files.exists(out), r.output());
        }
        Path truncated = Files.createDirectories(dir.resolve("truncated"));
        byte[] whole = npy(good, data);
        Files.write(truncated.resolve("a.npy"), Arrays.copyOf(whole, whole.length - 4));
        Baseline r = runBaseline(baseline, RuntimeKind.TFLITE, f32.tflite(), truncated, dir.resolve("ref-t"));
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("a.npy] is 12412 bytes; its header says 12416"), r.output());

        Process usage = new ProcessBuilder(baseline.program().toString(), "tflite-reference", "too", "few")
                .redirectErrorStream(true)
                .start();
        String text = new String(usage.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(usage.waitFor(BASELINE_TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(64, usage.exitValue(), text);
        assertTrue(text.contains("tflite-reference|onnx-reference LIB MODEL INPUT_DIR OUT_DIR"), text);
    }

    private static void reproducedAndDrifting(Path dir, RuntimeKind runtime, Network net, Path model, Path perturbed)
            throws Exception {
        NativeBaseline baseline = baselineOrSkip(dir);
        boolean nchw = runtime == RuntimeKind.ONNX;
        String lane = runtime.id() + ":cpu";
        Path inputs = Files.createDirectories(dir.resolve("inputs-" + runtime.id()));
        List<float[]> expected = new ArrayList<>();
        for (int k = 1; k <= SAMPLES; k++) {
            float[] x = TestFiles.pattern(32, 32, k, nchw, InputScale.DEFAULT_MEAN, InputScale.DEFAULT_STD);
            List<Long> shape = nchw ? List.of(1L, 3L, 32L, 32L) : List.of(1L, 32L, 32L, 3L);
            TestFiles.npy(inputs.resolve(String.format("%03d.npy", k)), "<f4", shape, TestFiles.floats(x));
            expected.add(ReferenceExecutor.run(
                    net, TestFiles.pattern(32, 32, k, false, InputScale.DEFAULT_MEAN, InputScale.DEFAULT_STD)));
        }
        Path ref = dir.resolve("c-reference-" + runtime.id());
        Baseline r = runBaseline(baseline, runtime, model, inputs, ref);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("reference samples=" + SAMPLES + " outputs=1 dir=" + ref), r.output());

        // ReferenceWriter's layout: the inputs as given, each output under its name, headers as numpy.save writes.
        for (int k = 1; k <= SAMPLES; k++) {
            String name = String.format("%03d.npy", k);
            assertArrayEquals(
                    Files.readAllBytes(inputs.resolve(name)), Files.readAllBytes(ref.resolve("inputs/" + name)));
            byte[] written = Files.readAllBytes(ref.resolve("outputs/output/" + name));
            float[] y = expected.get(k - 1);
            byte[] header = Files.readAllBytes(
                    TestFiles.npy(dir.resolve("header.npy"), "<f4", List.of(1L, (long) y.length), new byte[0]));
            assertArrayEquals(header, Arrays.copyOf(written, header.length), name);
            // and the numbers are the network's (the forge's plain-Java executor), not merely what the lane computes
            ByteBuffer b = ByteBuffer.wrap(written, header.length, written.length - header.length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(4 * y.length, b.remaining(), name);
            for (float v : y) {
                assertEquals(v, b.getFloat(), 1e-4, name);
            }
        }
        try (Stream<Path> outputs = Files.list(ref.resolve("outputs"))) {
            assertEquals(
                    List.of("output"),
                    outputs.map(p -> p.getFileName().toString()).toList());
        }

        Path json = dir.resolve("ok-" + runtime.id() + ".json");
        StringWriter out = new StringWriter();
        int code = run(
                out, QuickCompare.args(lane, List.of(model), "--reference", ref.toString(), "--json", json.toString()));
        assertEquals(ExitCode.OK, code, out.toString());
        JsonNode check = Json.mapper().readTree(json.toFile()).get("reference").get(0);
        assertTrue(check.get("reproduces").asBoolean(), check.toString());
        assertEquals(SAMPLES, check.get("agreement").get("inputs").asInt());
        String verdict = check.get("verdict").asText();
        assertTrue(
                verdict.matches(model.getFileName() + " " + lane + " reproduces the reference \\(max abs [0-9.e-]+,"
                        + " mean abs [0-9.e-]+, min cosine 1.000000, top-1 agrees on 100.0 % of " + SAMPLES
                        + " inputs\\)"),
                verdict);
        System.out.printf(
                Locale.ROOT,
                "%s against the C baseline's reference: max abs error %s%n",
                lane,
                check.get("agreement").get("max_abs_error"));

        Path json2 = dir.resolve("drift-" + runtime.id() + ".json");
        StringWriter out2 = new StringWriter();
        int code2 = run(
                out2,
                QuickCompare.args(lane, List.of(perturbed), "--reference", ref.toString(), "--json", json2.toString()));
        assertEquals(ExitCode.FAILED, code2, out2.toString());
        JsonNode drift = Json.mapper().readTree(json2.toFile()).get("reference").get(0);
        assertFalse(drift.get("reproduces").asBoolean(), drift.toString());
        String driftVerdict = drift.get("verdict").asText();
        assertTrue(driftVerdict.startsWith(perturbed.getFileName() + " " + lane + " drifts: "), driftVerdict);
        assertTrue(driftVerdict.contains("max abs error"), driftVerdict);
    }

    /** The program and runtime libraries the jar carries, extracted as `edgebench calibrate` extracts them. */
    private static NativeBaseline baselineOrSkip(Path dir) throws IOException {
        Path target = Files.createDirectories(dir.resolve("native"));
        try {
            return NativeBaseline.extract(target);
        } catch (IOException e) {
            return Assumptions.abort("no C baseline for this machine, so no reference from outside the JVM to check"
                    + " against (native/Makefile target baseline builds it with gcc): " + e.getMessage());
        }
    }

    private static Baseline runBaseline(NativeBaseline b, RuntimeKind runtime, Path model, Path in, Path out)
            throws IOException, InterruptedException {
        List<String> cmd = List.of(
                b.program().toString(),
                runtime.id() + "-reference",
                b.library(runtime).toString(),
                model.toString(),
                in.toString(),
                out.toString());
        // to a file, not a pipe, so that a hung program cannot block the read past the bound below
        Path log = Files.createTempFile(in.getParent(), "baseline", ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(BASELINE_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("edgebench-baseline did not finish: " + cmd + "\n" + Files.readString(log));
        }
        return new Baseline(p.exitValue(), Files.readString(log));
    }

    /** The .onnx with the first conv's first weight moved by +0.5 (its 4 bytes occur once in the file). */
    private static Path perturbedOnnx(Path onnx, Network net, Path out) throws IOException {
        Layer.Conv conv = net.layers().stream()
                .filter(l -> l instanceof Layer.Conv)
                .map(l -> (Layer.Conv) l)
                .findFirst()
                .orElseThrow();
        float w = conv.weights()[0];
        byte[] pattern = TestFiles.floats(new float[] {w});
        byte[] file = Files.readAllBytes(onnx);
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i + 4 <= file.length; i++) {
            if (Arrays.equals(file, i, i + 4, pattern, 0, 4)) {
                at.add(i);
            }
        }
        assertEquals(1, at.size(), "first conv weight " + w + " should occur once in " + onnx + ", at " + at);
        System.arraycopy(TestFiles.floats(new float[] {w + 0.5f}), 0, file, at.get(0), 4);
        return Files.write(out, file);
    }

    /** A version 1.0 .npy with {@code dict} as its header (padded as numpy pads it). */
    private static byte[] npy(String dict, byte[] data) {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        byte[] header = h.append('\n').toString().getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(10 + header.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0})
                .putShort((short) header.length)
                .put(header)
                .put(data)
                .array();
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }
}
