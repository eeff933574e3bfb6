package io.edgebench.runtime.tflite;

import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuDelegate;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * After TfliteRuntime opened an {@code edgetpu} session (its delegate created by the JNI shim): the result's Edge TPU
 * facts and the warnings (libedgetpu not known to match this TFLite, nothing delegated).
 */
final class EdgeTpuDelegates {
    private EdgeTpuDelegates() {}

    /** Adds the Edge TPU facts and warnings to a session opened with {@code external}; others pass unchanged. */
    static ModelSession describe(Path model, ModelSession session, ExternalDelegate external) {
        if (!(external.owner() instanceof EdgeTpuDelegate delegate)) {
            return session;
        }
        List<String> warnings = new ArrayList<>();
        delegate.library()
                .version()
                .compatibilityWarning(session.runtimeVersion())
                .ifPresent(warnings::add);
        if (session.delegation().delegatedNodes() == 0) {
            EdgeTpuGraph.plainModelWarning(
                            String.valueOf(model.getFileName()),
                            0,
                            session.delegation().totalNodes())
                    .ifPresent(warnings::add);
        }
        return new EdgeTpuSession(session, delegate.info(), warnings);
    }
}
