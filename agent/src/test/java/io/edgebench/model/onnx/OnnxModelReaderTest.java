package io.edgebench.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgebench.model.DType;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.TensorInfo;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnnxModelReaderTest {
    private static OnnxModel read(byte[] b) {
        return OnnxModelReader.read(ByteBuffer.wrap(b), "t.onnx");
    }

    @Test
    void read_mlp_reportsProducerOpsetOpsAndRealInputsOnly() {
        OnnxModel m = read(TinyOnnx.mlp(1L));
        assertEquals(8, m.irVersion());
        assertEquals("edgebench-tests 0.1", m.producer());
        assertEquals(13L, m.defaultOpset());
        assertEquals(4, m.nodeCount());
        assertEquals(Map.of("MatMul", 1, "Add", 1, "Relu", 1, "Softmax", 1), m.opCounts());
        assertEquals(2, m.initializerCount());
        assertEquals(1, m.subgraphCount());
        // W is listed in graph.input and is an initializer: it is not an input
        assertEquals(List.of("X"), m.inputs().stream().map(TensorInfo::name).toList());
        TensorInfo x = m.inputs().get(0);
        assertEquals(DType.FLOAT32, x.dtype());
        assertEquals(List.of(1L, 4L), x.shape());
        assertEquals(List.of(), x.dimNames());
        assertEquals(List.of(1L, 3L), m.outputs().get(0).shape());
    }

    @Test
    void read_dynamicBatch_marksMinusOneWithDimName() {
        TensorInfo x = read(TinyOnnx.mlp("batch")).inputs().get(0);
        assertEquals(List.of(-1L, 4L), x.shape());
        assertEquals(Arrays.asList("batch", null), x.dimNames());
        assertTrue(x.isDynamic());
    }

    @Test
    void read_nonDefaultDomain_keysOpWithDomain() {
        TinyOnnx.Msg g = new TinyOnnx.Msg()
                .msg(1, TinyOnnx.node("QLinearSigmoid", "com.microsoft", List.of("X"), List.of("Y")))
                .msg(1, TinyOnnx.node("Relu", "ai.onnx", List.of("Y"), List.of("Z")))
                .msg(11, TinyOnnx.valueInfo("X", 2, 1L))
                .msg(12, TinyOnnx.valueInfo("Z", 2, 1L));
        OnnxModel m = read(TinyOnnx.model(g, 17, "p"));
        assertEquals(Map.of("com.microsoft:QLinearSigmoid", 1, "Relu", 1), m.opCounts());
        assertEquals(DType.UINT8, m.inputs().get(0).dtype());
    }

    @Test
    void read_nestedGraphAttribute_countsSubgraph() {
        TinyOnnx.Msg body = new TinyOnnx.Msg().msg(1, TinyOnnx.node("Identity", "", List.of("a"), List.of("b")));
        TinyOnnx.Msg attr =
                new TinyOnnx.Msg().str(1, "then_branch").varint(20, 5).msg(6, body);
        TinyOnnx.Msg g = new TinyOnnx.Msg()
                .msg(1, TinyOnnx.node("If", "", List.of("c"), List.of("o"), attr))
                .msg(11, TinyOnnx.valueInfo("c", 9))
                .msg(12, TinyOnnx.valueInfo("o", 1));
        OnnxModel m = read(TinyOnnx.model(g, 13, "p"));
        assertEquals(2, m.subgraphCount());
        assertEquals(Map.of("If", 1), m.opCounts());
    }

    @Test
    void read_everyTruncation_failsCleanly() {
        byte[] full = TinyOnnx.mlp(1L);
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> read(cut), "length " + n);
            assertTrue(e.getMessage().startsWith("Model [t.onnx] is not"), e.getMessage());
        }
    }

    @Test
    void read_randomBytesAndBitFlips_neverThrowAnythingElse() {
        Random rnd = new Random(42);
        byte[] full = TinyOnnx.mlp(1L);
        for (int i = 0; i < 2000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[1 + rnd.nextInt(512)];
                rnd.nextBytes(b);
            } else {
                b = full.clone();
                b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            try {
                read(b);
            } catch (ModelLoadException expected) {
                assertFalse(expected.getMessage().isBlank());
            }
        }
    }

    @Test
    void read_headerOnly_saysIncomplete() {
        byte[] header = new TinyOnnx.Msg().varint(1, 8).str(2, "x").bytes();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> read(header));
        assertEquals(
                "Model [t.onnx] is not a complete ONNX ModelProto: no graph. Is the file truncated (header "
                        + "only)? Re-export or re-download it.",
                e.getMessage());
    }

    @Test
    void warmUp_parsesItsBuiltInModel() {
        OnnxModelReader.warmUp(); // throws if the 16 built-in bytes ever stop being a valid ModelProto
    }

    @Test
    void looksLikeModelProto_acceptsModelTagsOnly() {
        assertTrue(OnnxModelReader.looksLikeModelProto(ByteBuffer.wrap(new byte[] {0x08, 0x07})));
        assertFalse(OnnxModelReader.looksLikeModelProto(ByteBuffer.wrap(new byte[] {0x50, 0x4b, 3, 4})));
        assertFalse(OnnxModelReader.looksLikeModelProto(ByteBuffer.wrap(new byte[] {0x09})));
        assertFalse(OnnxModelReader.looksLikeModelProto(ByteBuffer.wrap(new byte[0])));
    }
}
