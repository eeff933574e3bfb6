package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.inputs.TestFiles;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * compare's agreement header says what was fed, and one chosen file is fed once: `--input cat.png` used to print
 * "Output agreement over 20 seeded inputs" after feeding the same image 20 times.
 */
@Timeout(600)
class AgreementInputsTest {
    private static final class Run {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        int code;
        JsonNode json;
    }

    private static Run compare(Path dir, Forge.Result f32, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(QuickCompare.args(
                "tflite:cpu,onnx:cpu",
                List.of(f32.tflite(), f32.onnx()),
                "--json",
                dir.resolve("r.json").toString())));
        args.addAll(List.of(extra));
        Run r = new Run();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(r.out));
        cl.setErr(new PrintWriter(r.err));
        r.code = cl.execute(args.toArray(String[]::new));
        assertEquals(ExitCode.OK, r.code, r.out + "\n" + r.err);
        r.json = Json.mapper().readTree(dir.resolve("r.json").toFile());
        return r;
    }

    @Test
    void oneImage_isFedOnce_andTheHeaderNamesIt(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Path cat = TestFiles.png(dir.resolve("cat.png"), 40, 24, 3);
        Run r = compare(dir, f32, "--input", cat.toString());
        assertTrue(r.out.toString().contains("Output agreement over 1 input (cat.png) (tolerance"), r.out.toString());
        assertEquals(
                1,
                r.json.get("agreement_seeds").size(),
                r.json.get("agreement_seeds").toString());
        assertEquals(1, r.json.get("agreement_inputs").size());
        assertTrue(r.err.toString().contains("(1 input)"), r.err.toString());
        assertTrue(!r.err.toString().contains("seeded inputs"), r.err.toString());
    }

    @Test
    void aDirectory_isFedFileByFile_andSeededInputsSaySo(@TempDir Path dir) throws Exception {
        Forge.Result f32 = Forge.forge(ForgeSpec.tiny(), dir);
        Path images = Files.createDirectories(dir.resolve("imgs"));
        for (int k = 1; k <= 3; k++) {
            TestFiles.png(images.resolve("img" + k + ".png"), 40, 24, k);
        }
        Run fromDir = compare(dir, f32, "--input", images.toString());
        assertTrue(
                fromDir.out.toString().contains("Output agreement over 3 inputs (the files in imgs/) (tolerance"),
                fromDir.out.toString());
        assertEquals(3, fromDir.json.get("agreement_seeds").size());

        Run seeded = compare(dir, f32, "--agreement-inputs", "4");
        assertTrue(
                seeded.out.toString().contains("Output agreement over 4 seeded inputs (tolerance"),
                seeded.out.toString());
        assertEquals(4, seeded.json.get("agreement_seeds").size());
    }
}
