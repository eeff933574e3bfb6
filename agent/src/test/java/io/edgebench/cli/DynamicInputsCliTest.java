package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.onnx.TinyOnnx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `edgebench bench` on a model with two inputs of open size names both in one error, and the command it suggests
 * runs: an image input gets 224 for its height and width, a state input 1 for its open dim (not 224).
 */
class DynamicInputsCliTest {
    @Test
    void twoDynamicInputs_oneErrorNamesBoth_andItsSuggestionRuns(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("two.onnx"), TinyOnnx.twoDynamicInputs());

        StringWriter err = new StringWriter();
        int refused = run(new StringWriter(), err, "bench", model.toString(), "--runs", "3");
        assertNotEquals(0, refused, err.toString());
        String suggestion = "--input-shape image=1x3x224x224 --input-shape state=2x1x128";
        assertTrue(
                err.toString().contains("2 inputs of model [") && err.toString().contains(suggestion), err.toString());

        StringWriter out = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("bench", model.toString(), "--runs", "3"));
        args.addAll(List.of(suggestion.split(" ")));
        StringWriter err2 = new StringWriter();
        assertEquals(0, run(out, err2, args.toArray(String[]::new)), out + "\n" + err2);
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }
}
