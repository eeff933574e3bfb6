package io.edgebench.runtime.onnx;

import io.edgebench.model.DType;
import io.edgebench.model.ModelFile;
import io.edgebench.model.Quantization;
import io.edgebench.model.TensorInfo;
import io.edgebench.model.onnx.OnnxOutputQuantization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's outputs with the quantization ONNX Runtime does not report: an int8/uint8/int16 graph output gets the
 * scale and zero point of the QuantizeLinear that produces it (or the DequantizeLinear that reads it), so it is read
 * as real values like a TFLite output; where none is found the reason is kept and the codes stay raw.
 *
 * @param unresolved why an integer output has no quantization, by output name
 */
record OnnxOutputs(List<TensorInfo> infos, Map<String, String> unresolved) {
    OnnxOutputs {
        infos = List.copyOf(infos);
        unresolved = Map.copyOf(unresolved);
    }

    static OnnxOutputs of(ModelFile file, List<TensorInfo> declared) {
        List<String> coded = declared.stream()
                .filter(t -> t.dtype() == DType.INT8 || t.dtype() == DType.UINT8 || t.dtype() == DType.INT16)
                .map(TensorInfo::name)
                .toList();
        if (coded.isEmpty()) {
            return new OnnxOutputs(declared, Map.of());
        }
        Map<String, OnnxOutputQuantization.Found> found =
                OnnxOutputQuantization.find(file.content(), file.path().toString(), coded);
        List<TensorInfo> infos = new ArrayList<>();
        Map<String, String> unresolved = new LinkedHashMap<>();
        for (TensorInfo t : declared) {
            OnnxOutputQuantization.Found f = found.get(t.name());
            if (f != null && f.quantization() != null) {
                infos.add(new TensorInfo(t.name(), t.dtype(), t.shape(), t.dimNames(), f.quantization()));
            } else {
                infos.add(t);
                if (f != null) {
                    unresolved.put(t.name(), f.unresolved());
                }
            }
        }
        return new OnnxOutputs(infos, unresolved);
    }

    /** real = scale * (q - zero point), in place; {@code q} null leaves the values as they are. */
    static float[] dequantize(float[] codes, Quantization q) {
        if (q == null) {
            return codes;
        }
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (float) (q.scale() * (codes[i] - q.zeroPoint()));
        }
        return codes;
    }
}
