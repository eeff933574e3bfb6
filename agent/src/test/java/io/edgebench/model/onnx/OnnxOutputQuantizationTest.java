package io.edgebench.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.forge.Forge;
import io.edgebench.model.forge.ForgeSpec;
import io.edgebench.model.forge.OnnxOutput;
import io.edgebench.model.onnx.TinyOnnx.Msg;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxOutputQuantizationTest {

    @Test
    void forgedQdqEndingInInt8_findsTheLastQuantizeLinear(@TempDir Path dir) throws Exception {
        Forge.Result r = Forge.forge(ForgeSpec.tiny().withQuantize(ForgeSpec.Quantize.INT8), dir, OnnxOutput.INT8);
        var found = OnnxOutputQuantization.find(
                        ByteBuffer.wrap(Files.readAllBytes(r.onnx())), "tiny_int8.onnx", List.of("output"))
                .get("output");
        assertNull(found.unresolved());
        assertEquals(1 / 256.0, found.quantization().scale(), 1e-9); // TFLite's int8 softmax output
        assertEquals(-128, found.quantization().zeroPoint());
        assertEquals("int8", r.sidecar().onnx().outputDtype());
    }

    @Test
    void dequantizeLinearReadingTheOutput_throughAReshape_givesItsConstantParams() {
        Msg g = new Msg()
                .msg(
                        1,
                        TinyOnnx.node(
                                "Constant",
                                "",
                                List.of(),
                                List.of("s"),
                                new Msg().str(1, "value").varint(20, 4).msg(5, TinyOnnx.floatTensor("", new float[] {
                                    0.5f
                                }))))
                .msg(1, TinyOnnx.node("Reshape", "", List.of("X", "shape"), List.of("Y")))
                .msg(1, TinyOnnx.node("DequantizeLinear", "", List.of("Y", "s"), List.of("Z")))
                .str(2, "g")
                .msg(11, TinyOnnx.valueInfo("X", 2, 1L, 4L))
                .msg(12, TinyOnnx.valueInfo("Y", 2, 1L, 4L));
        var found = OnnxOutputQuantization.find(ByteBuffer.wrap(TinyOnnx.model(g, 13, "t")), "t.onnx", List.of("Y"))
                .get("Y");
        assertEquals(0.5, found.quantization().scale());
        assertEquals(0, found.quantization().zeroPoint()); // zero point omitted: 0
    }

    @Test
    void integerOutputWithoutQdq_saysWhyItStaysRaw() {
        var found = OnnxOutputQuantization.find(ByteBuffer.wrap(TinyOnnx.cast(1, 2)), "cast.onnx", List.of("Y"))
                .get("Y");
        assertNull(found.quantization());
        assertEquals(
                "no QuantizeLinear produces output [Y] and no DequantizeLinear reads it, so its integer codes"
                        + " have no known scale and zero point",
                found.unresolved());
    }

    @Test
    void perAxisOutputQuantization_isRefusedByName() {
        Msg g = new Msg()
                .msg(1, TinyOnnx.node("QuantizeLinear", "", List.of("X", "s"), List.of("Y")))
                .str(2, "g")
                .msg(5, TinyOnnx.floatTensor("s", new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 4))
                .msg(11, TinyOnnx.valueInfo("X", 1, 1L, 4L))
                .msg(12, TinyOnnx.valueInfo("Y", 2, 1L, 4L));
        var found = OnnxOutputQuantization.find(ByteBuffer.wrap(TinyOnnx.model(g, 13, "t")), "t.onnx", List.of("Y"))
                .get("Y");
        assertTrue(
                found.unresolved().startsWith("the QuantizeLinear of output [Y] is per-axis (4 scales)"),
                found.unresolved());
    }
}
