package io.edgebench.model.tflite;

import io.edgebench.model.DType;
import io.edgebench.model.ModelLoadException;
import io.edgebench.model.Quantization;
import io.edgebench.model.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a .tflite flatbuffer in pure Java (no native code, so any file is safe to inspect). Field indexes follow
 * TensorFlow's schema.fbs: Model{version 0, operator_codes 1, subgraphs 2, description 3}, OperatorCode{
 * deprecated_builtin_code 0, custom_code 1, version 2, builtin_code 3}, SubGraph{tensors 0, inputs 1, outputs 2,
 * operators 3}, Tensor{shape 0, type 1, name 3, quantization 4, shape_signature 7}, QuantizationParameters{scale 2,
 * zero_point 3}, Operator{opcode_index 0}. Every malformed input ends in a ModelLoadException.
 */
public final class TfliteModelReader {
    static final String EDGETPU_OP = "edgetpu-custom-op";
    private static final long MAX_FILE_BYTES = 2L << 30;
    private static final int MAX_RANK = 16;

    private TfliteModelReader() {}

    public static TfliteInspection read(Path model) {
        byte[] bytes;
        try {
            long size = Files.size(model);
            if (size > MAX_FILE_BYTES) {
                throw new ModelLoadException("Model [" + model + "] is " + size + " bytes; at most 2 GiB can be read.");
            }
            bytes = Files.readAllBytes(model);
        } catch (IOException e) {
            throw new ModelLoadException("Model [" + model + "] cannot be read: " + e.getMessage(), e);
        }
        return read(model.toString(), bytes);
    }

    /** {@code label} names the model in messages (a file name). */
    public static TfliteInspection read(String label, byte[] bytes) {
        if (bytes.length <= 8 || bytes[4] != 'T' || bytes[5] != 'F' || bytes[6] != 'L' || bytes[7] != '3') {
            throw new ModelLoadException(
                    "Model [" + label + "] is not a TFLite flatbuffer (no \"TFL3\" identifier;" + " is it a zip?).");
        }
        try {
            return parse(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
        } catch (RuntimeException e) {
            throw new ModelLoadException(
                    "Model [" + label + "] is a corrupt TFLite flatbuffer ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + "). Is the file truncated? Re-download or re-export it.",
                    e);
        }
    }

    private static TfliteInspection parse(ByteBuffer buffer) {
        FbTable model = FbTable.root(buffer);
        List<String> opNames = opNames(model);
        int subgraphs = model.length(2, 4);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Set<String> custom = new LinkedHashSet<>();
        int operators = 0;
        for (int s = 0; s < subgraphs; s++) {
            FbTable graph = model.tableAt(2, s);
            int n = graph.length(3, 4);
            for (int i = 0; i < n; i++) {
                long index = graph.tableAt(3, i).uint(0, 0);
                if (index >= opNames.size()) {
                    throw new IllegalArgumentException(
                            "operator " + i + " uses opcode " + index + " of " + opNames.size());
                }
                String name = opNames.get((int) index);
                counts.merge(name, 1, Integer::sum);
                if (isCustom(model, (int) index)) {
                    custom.add(name);
                }
            }
            operators += n;
        }
        List<TensorInfo> inputs = subgraphs == 0 ? List.of() : tensors(model.tableAt(2, 0), 1);
        List<TensorInfo> outputs = subgraphs == 0 ? List.of() : tensors(model.tableAt(2, 0), 2);
        return new TfliteInspection(
                model.uint(0, 0),
                model.string(3),
                subgraphs,
                operators,
                counts,
                List.copyOf(custom),
                custom.contains(EDGETPU_OP),
                inputs,
                outputs);
    }

    private static List<String> opNames(FbTable model) {
        int n = model.length(1, 4);
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            FbTable code = model.tableAt(1, i);
            // builtin codes above 127 live only in builtin_code; older files only set the deprecated byte
            int builtin = Math.max(code.byte8(0, 0), code.int32(3, 0));
            String customName = code.string(1);
            names.add(
                    builtin == TfliteOpNames.CUSTOM
                            ? (customName == null ? "CUSTOM" : customName)
                            : TfliteOpNames.builtin(builtin));
        }
        return names;
    }

    private static boolean isCustom(FbTable model, int index) {
        FbTable code = model.tableAt(1, index);
        return Math.max(code.byte8(0, 0), code.int32(3, 0)) == TfliteOpNames.CUSTOM;
    }

    /** {@code field} 1 = inputs, 2 = outputs: tensor indexes into field 0. */
    private static List<TensorInfo> tensors(FbTable graph, int field) {
        int count = graph.length(field, 4);
        int tensorCount = graph.length(0, 4);
        List<TensorInfo> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = graph.intAt(field, i);
            if (index < 0 || index >= tensorCount) {
                throw new IllegalArgumentException("subgraph names tensor " + index + " of " + tensorCount);
            }
            out.add(tensor(graph.tableAt(0, index), index));
        }
        return out;
    }

    private static TensorInfo tensor(FbTable t, int index) {
        String name = t.string(3);
        int signatureRank = t.length(7, 4);
        int shapeField = signatureRank > 0 ? 7 : 0;
        int rank = t.length(shapeField, 4);
        if (rank > MAX_RANK) {
            throw new IllegalArgumentException("tensor " + index + " has rank " + rank + " (at most " + MAX_RANK + ")");
        }
        List<Long> shape = new ArrayList<>(rank);
        for (int d = 0; d < rank; d++) {
            shape.add((long) t.intAt(shapeField, d));
        }
        return new TensorInfo(
                name == null ? "tensor" + index : name, dtype(t.byte8(1, 0)), shape, null, quantization(t.table(4)));
    }

    private static Quantization quantization(FbTable q) {
        if (q == null || q.length(2, 4) == 0) {
            return null;
        }
        double scale = q.floatAt(2, 0);
        long zero = q.length(3, 8) > 0 ? q.longAt(3, 0) : 0;
        return scale > 0 && !Double.isInfinite(scale) ? new Quantization(scale, zero) : null;
    }

    /** schema.fbs TensorType. */
    static DType dtype(int type) {
        return switch (type) {
            case 0 -> DType.FLOAT32;
            case 1 -> DType.FLOAT16;
            case 2 -> DType.INT32;
            case 3 -> DType.UINT8;
            case 4 -> DType.INT64;
            case 5 -> DType.STRING;
            case 6 -> DType.BOOL;
            case 7 -> DType.INT16;
            case 9 -> DType.INT8;
            default -> DType.OTHER;
        };
    }
}
