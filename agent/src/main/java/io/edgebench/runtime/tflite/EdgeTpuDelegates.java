package io.edgebench.runtime.tflite;

import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuDelegate;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuGraph;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires {@code --delegate edgetpu} into TfliteRuntime: one libedgetpu delegate per session from the JNI shim, and
 * afterwards the result's Edge TPU facts and warnings (libedgetpu not known to match this TFLite, nothing delegated).
 */
final class EdgeTpuDelegates {
    static final String NAME = "edgetpu";

    private EdgeTpuDelegates() {}

    /** Opens libedgetpu (once per process) and creates the delegate on the requested device with its options. */
    static ExternalDelegate create(SessionOptions options) {
        EdgeTpuDelegate delegate = EdgeTpuLibrary.open().createDelegate(options.edgeTpu());
        return new ExternalDelegate(delegate.address(), delegate, NAME);
    }

    /** Adds the Edge TPU facts and warnings to a session opened with {@code external}; others pass unchanged. */
    static ModelSession describe(Path model, ModelSession session, ExternalDelegate external) {
        if (!(external.owner() instanceof EdgeTpuDelegate delegate)) {
            return session;
        }
        List<String> warnings = new ArrayList<>();
        delegate.library().version().compatibilityWarning(session.runtimeVersion()).ifPresent(warnings::add);
        if (session.delegation().delegatedNodes() == 0) {
            EdgeTpuGraph.plainModelWarning(String.valueOf(model.getFileName()), 0, session.delegation().totalNodes())
                    .ifPresent(warnings::add);
        }
        return new EdgeTpuSession(session, delegate.info(), warnings);
    }
}
