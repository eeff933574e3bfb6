package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.inputs.TestFiles;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Arch;
import io.edgebench.model.forge.BranchModel;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** End to end through real workers: inputs the user chooses, a branch chosen by a value, a spatial pair aligned. */
@Timeout(600)
class ChosenInputsCliTest {
    private static final String[] QUICK = {"--threads", "1", "--runs", "3", "--min-seconds", "0"};

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] args(List<String> first, String... rest) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(QUICK));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    @Test
    void inputValue_selectsTheBranch_likeSileroSr() throws Exception {
        Path model = BranchModel.write(dir);
        List<String> bench = List.of(
                "bench",
                model.toString(),
                "--no-telemetry",
                "--input-shape",
                "input=1x64",
                "--warmup-runs",
                "1",
                "--warmup-seconds",
                "0");
        Run random = run(args(bench, "--quiet"));
        assertEquals(ExitCode.DATA_ERR, random.code(), random.err());
        assertTrue(random.err().contains("running If node. Name:'by_rate'"), random.err());
        Path json = dir.resolve("r.json");
        Run chosen = run(args(bench, "--input-value", "sr=16000", "--json", json.toString()));
        assertEquals(ExitCode.OK, chosen.code(), chosen.err());
        assertTrue(chosen.out().contains("inputs       sr=16000 (the others seeded)"), chosen.out());
        JsonNode inputs = Json.mapper().readTree(json.toFile()).get("inputs");
        assertEquals("sr", inputs.get(1).get("name").asText());
        assertEquals("value", inputs.get(1).get("source").get("kind").asText());
        assertEquals(16000.0, inputs.get(1).get("source").get("value").asDouble());
        assertEquals("seed", inputs.get(0).get("source").get("kind").asText());
    }

    @Test
    void badInputs_getErrorsNamingInputValueAndExpectation() throws Exception {
        Forge.Result f = Forge.forge(ForgeSpec.tiny(), dir);
        Path npy = TestFiles.npy(dir.resolve("small.npy"), "<f4", List.of(1L, 8L, 8L, 3L), new byte[8 * 8 * 3 * 4]);
        Run shape = run(
                args(List.of("bench", f.tflite().toString(), "--no-telemetry", "--quiet", "--input", "input=" + npy)));
        assertEquals(ExitCode.DATA_ERR, shape.code());
        assertTrue(
                shape.err()
                        .contains("Input [input] file [small.npy] has shape [1, 8, 8, 3]; the tensor takes"
                                + " [1, 32, 32, 3] (float32)"),
                shape.err());
        Run name = run(args(
                List.of("compare", f.tflite().toString(), f.onnx().toString(), "--quiet", "--input-value", "rate=3")));
        assertEquals(ExitCode.DATA_ERR, name.code());
        assertTrue(
                name.err()
                        .contains("Input [rate] is named by an input flag, but no model has an input of that"
                                + " name: tiny_f32.tflite has [input]; tiny_f32.onnx has [input]"),
                name.err());
        Path broken = Files.writeString(dir.resolve("cat.jpg"), "GIF89a but not really");
        Run image = run(
                args(List.of("bench", f.onnx().toString(), "--no-telemetry", "--quiet", "--input", broken.toString())));
        assertEquals(ExitCode.DATA_ERR, image.code());
        assertTrue(
                image.err().contains("Input [input] image [cat.jpg] cannot be decoded: ")
                        && image.err().contains("expected a PNG, JPEG, BMP or GIF file"),
                image.err());
    }

    @Test
    void spatialPair_isTransposedAndAgrees_onSeedsAndOnADirectoryOfImages() throws Exception {
        Forge.Result seg = Forge.forge(ForgeSpec.of(Arch.SEG, 1.0, null, null, ForgeSpec.Quantize.NONE, 1), dir);
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 3; i++) {
            TestFiles.png(images.resolve("img" + i + ".png"), 40 + i, 32, i); // resized to 32x32 by the loader
        }
        for (List<String> inputs :
                List.of(List.of("--agreement-inputs", "10"), List.of("--input", images.toString()))) {
            Path json = dir.resolve("c.json");
            List<String> cmd = new java.util.ArrayList<>(List.of(
                    "compare",
                    seg.tflite().toString(),
                    seg.onnx().toString(),
                    "--delegates",
                    "tflite:xnnpack,onnx:cpu",
                    "--json",
                    json.toString()));
            cmd.addAll(inputs);
            Run r = run(args(cmd));
            assertEquals(ExitCode.OK, r.code(), r.out());
            JsonNode report = Json.mapper().readTree(json.toFile());
            JsonNode pair = report.get("agreement").get(0);
            if (inputs.get(0).equals("--input")) {
                JsonNode third = report.at("/agreement_inputs/2/inputs/0/source");
                assertEquals(
                        "img2.png",
                        third.get("file").asText(),
                        report.get("agreement_inputs").toString());
                assertEquals("images", third.get("directory").asText(), third.toString());
            } else {
                assertTrue(report.get("agreement_inputs") == null, "seeds only: nothing more to record");
            }
            assertEquals(
                    inputs.size() == 2 && inputs.get(0).equals("--input") ? 3 : 10,
                    pair.get("inputs").asInt());
            assertTrue(pair.get("max_abs_error").asDouble() <= 1e-4, pair.toString());
            JsonNode out = pair.get("outputs").get(0);
            assertEquals(
                    "transposed [1,5,8,8] to [1,8,8,5] (NCHW to NHWC)",
                    out.get("transposed").asText());
            assertTrue(r.out().contains("transposed [1,5,8,8] to [1,8,8,5] (NCHW to NHWC)"), r.out());
        }
        Run typo = run(args(List.of(
                "compare",
                seg.tflite().toString(),
                seg.onnx().toString(),
                "--delegates",
                "tflite:cpu,onnx:cpu",
                "--agreement-inputs",
                "1",
                "--match",
                "outptu=output")));
        assertEquals(ExitCode.FAILED, typo.code(), typo.out());
        assertTrue(
                typo.out().contains("--match outptu=output: no pair of lanes has output [outptu] on one side"),
                typo.out());
    }
}
