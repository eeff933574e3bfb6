package io.edgebench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgebench.json.Json;
import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.model.onnx.TinyOnnx;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void inspect_onnx_printsAlignedBlock() throws IOException {
        Path p = write("dyn.onnx", TinyOnnx.mlp("batch"));
        assertEquals(ExitCode.OK, run("inspect", p.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("format     onnx\n"), text);
        assertTrue(text.contains("producer   edgebench-tests 0.1\n"), text);
        assertTrue(text.contains("opset      13 (ir_version 8)\n"), text);
        assertTrue(text.contains("  name  dtype    shape       quantization\n  X     float32  [?batch,4]  -\n"), text);
        assertTrue(text.contains("ops (4 total, 4 types)\n  Add          1\n  MatMul       1\n"), text);
    }

    @Test
    void inspect_json_hasSnakeCaseFieldsAndDynamicDims() throws IOException {
        byte[] bytes = TinyOnnx.mlp("batch");
        Path p = write("dyn.onnx", bytes);
        assertEquals(ExitCode.OK, run("inspect", "--json", p.toString()), err.toString());
        JsonNode j = Json.mapper().readTree(out.toString());
        assertEquals("onnx", j.get("format").asText());
        assertEquals(bytes.length, j.get("size_bytes").asLong());
        assertEquals(64, j.get("sha256").asText().length());
        assertEquals(4, j.get("total_ops").asInt());
        assertEquals(13, j.get("opset").asInt());
        assertEquals(false, j.get("edgetpu_compiled").asBoolean());
        assertEquals(1, j.get("inputs").size()); // W is an initializer, not an input
        assertEquals("[-1,4]", j.get("inputs").get(0).get("shape").toString());
        assertEquals("batch", j.get("inputs").get(0).get("dim_names").get(0).asText());
        assertEquals(1, j.get("op_counts").get("Softmax").asInt());
    }

    @Test
    void inspect_badModels_exit65WithOneLine() throws IOException {
        byte[] full = TinyOnnx.mlp(1L);
        byte[] random = new byte[256];
        new Random(3).nextBytes(random);
        random[0] = 0x77; // not a ModelProto tag, so the sniff rejects it for sure
        Path[] bad = {
            write("zero.onnx", new byte[0]),
            write("cut.onnx", Arrays.copyOf(full, full.length - 7)),
            write("random.onnx", random),
            write("header.onnx", Arrays.copyOf(full, 2)),
        };
        String[] expected = {
            "is empty (0 bytes)",
            "is not a valid ONNX ModelProto (the data ends in the middle of a field",
            "is neither TFLite (no \"TFL3\" identifier at byte 4) nor ONNX",
            "is not a complete ONNX ModelProto: no graph",
        };
        for (int i = 0; i < bad.length; i++) {
            err.getBuffer().setLength(0);
            assertEquals(ExitCode.DATA_ERR, run("inspect", bad[i].toString()), bad[i].toString());
            String e = err.toString();
            assertTrue(e.startsWith("edgebench: Model [" + bad[i] + "] " + expected[i]), e);
            assertEquals(1, e.lines().count(), e);
        }
    }

    @Test
    void inspect_forgedPair_countsMatchTheForgeSidecar() throws IOException {
        for (ForgeSpec spec : List.of(ForgeSpec.tiny(), ForgeSpec.tiny().withQuantize(ForgeSpec.Quantize.INT8))) {
            Forge.Result pair = Forge.forge(spec, dir);
            out.getBuffer().setLength(0);
            assertEquals(ExitCode.OK, run("inspect", "--json", pair.tflite().toString()), err.toString());
            JsonNode tfl = Json.mapper().readTree(out.toString());
            assertEquals("tflite", tfl.get("format").asText());
            assertEquals(pair.sidecar().tfliteOpTotal(), tfl.get("total_ops").asInt());
            assertEquals(pair.sidecar().tfliteOps(), Json.mapper().convertValue(tfl.get("op_counts"), Map.class));
            out.getBuffer().setLength(0);
            assertEquals(ExitCode.OK, run("inspect", "--json", pair.onnx().toString()), err.toString());
            JsonNode onnx = Json.mapper().readTree(out.toString());
            assertEquals("onnx", onnx.get("format").asText());
            assertEquals(pair.sidecar().onnxNodeTotal(), onnx.get("total_ops").asInt());
            assertEquals(pair.sidecar().onnxOps(), Json.mapper().convertValue(onnx.get("op_counts"), Map.class));
        }
    }

    @Test
    void inspect_missingArgument_isUsage() {
        assertEquals(ExitCode.USAGE, run("inspect"));
    }
}
