package io.edgebench.model.forge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The int8 ONNX file must run quantized, not as float ops between Q/DQ pairs: ONNX Runtime's optimized graph of the
 * tiny int8 model holds only QLinear and QGemm compute nodes (plus layout Transposes and the I/O Q/DQ).
 */
@Timeout(120)
class OnnxQdqFusionTest {

    @Test
    void tinyInt8_everyComputeNodeIsFusedIntoAQuantizedKernel(@TempDir Path dir) throws Exception {
        Forge.Result int8 = Forge.forge(ForgeSpec.tiny().withQuantize(ForgeSpec.Quantize.INT8), dir);
        Path optimized = dir.resolve("optimized.onnx");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizedModelFilePath(optimized.toString());
            env.createSession(int8.onnx().toString(), options).close();
        }
        Map<String, Integer> ops = opTypes(Files.readAllBytes(optimized));
        for (String floatOp : new String[] {"Conv", "Add", "Gemm", "Clip", "GlobalAveragePool", "Softmax"}) {
            assertEquals(null, ops.get(floatOp), floatOp + " left in float: " + ops);
        }
        assertEquals(9, ops.get("QLinearConv"), ops.toString());
        assertEquals(1, ops.get("QLinearAdd"), ops.toString());
        assertEquals(1, ops.get("QGemm"), ops.toString());
        assertEquals(1, ops.get("QLinearSoftmax"), ops.toString());
    }

    /** op_type (NodeProto field 4) of every node (GraphProto field 1) of the graph (ModelProto field 7). */
    private static Map<String, Integer> opTypes(byte[] model) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        UnknownFieldSet m = UnknownFieldSet.parseFrom(model);
        ByteString graph = m.getField(7).getLengthDelimitedList().get(0);
        for (ByteString node : UnknownFieldSet.parseFrom(graph).getField(1).getLengthDelimitedList()) {
            String op = UnknownFieldSet.parseFrom(node)
                    .getField(4)
                    .getLengthDelimitedList()
                    .get(0)
                    .toStringUtf8();
            counts.merge(op, 1, Integer::sum);
        }
        return counts;
    }
}
