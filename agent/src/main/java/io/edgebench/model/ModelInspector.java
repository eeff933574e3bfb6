package io.edgebench.model;

import io.edgebench.model.onnx.OnnxModel;
import io.edgebench.model.tflite.TfliteInspection;
import io.edgebench.model.tflite.TfliteModelReader;
import io.edgebench.results.ModelFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Builds a {@link ModelInspection} from a file, dispatching on the sniffed format. Loads no runtime. */
public final class ModelInspector {
    /** Domains ONNX Runtime implements out of the box; ops from any other domain need a custom-op library. */
    private static final Set<String> ORT_DOMAINS = Set.of(
            "ai.onnx",
            "ai.onnx.ml",
            "com.microsoft",
            "com.microsoft.nchwc",
            "ai.onnx.training",
            "ai.onnx.preview.training",
            "com.ms.internal.nhwc");

    private ModelInspector() {}

    /** Opens, sniffs and inspects {@code path}; a malformed file is a ModelLoadException. */
    public static ModelInspection inspect(Path path) {
        ModelFile file = ModelFile.open(path);
        return switch (file.format()) {
            case ONNX -> fromOnnx(file);
            case TFLITE -> fromTflite(file);
        };
    }

    static ModelInspection fromOnnx(ModelFile file) {
        OnnxModel m = file.onnx();
        List<String> custom = m.opCounts().keySet().stream()
                .filter(op -> op.contains(":") && !ORT_DOMAINS.contains(op.substring(0, op.lastIndexOf(':'))))
                .sorted()
                .toList();
        String producer = m.producer().isEmpty() ? null : m.producer();
        return new ModelInspection(
                file.path().toString(),
                ModelFormat.ONNX,
                file.sizeBytes(),
                file.sha256(),
                m.inputs(),
                m.outputs(),
                m.opCounts(),
                m.nodeCount(),
                custom,
                false,
                producer,
                m.defaultOpset(),
                m.irVersion(),
                m.subgraphCount());
    }

    static ModelInspection fromTflite(ModelFile file) {
        byte[] bytes = new byte[(int) file.sizeBytes()];
        file.content().get(bytes);
        TfliteInspection t = TfliteModelReader.read(file.path().toString(), bytes);
        if (t.subgraphCount() < 1) {
            throw new ModelLoadException("Model [" + file.path() + "] is a TFLite flatbuffer without subgraphs: "
                    + "nothing to run. Re-export it.");
        }
        return new ModelInspection(
                file.path().toString(),
                ModelFormat.TFLITE,
                file.sizeBytes(),
                file.sha256(),
                t.inputs(),
                t.outputs(),
                t.opCounts(),
                t.operatorCount(),
                t.customOps(),
                t.edgetpuCompiled(),
                t.description(),
                null,
                null,
                t.subgraphCount());
    }
}
