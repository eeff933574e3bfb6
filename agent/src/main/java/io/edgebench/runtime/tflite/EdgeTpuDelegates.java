package io.edgebench.runtime.tflite;

import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuDelegate;
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
            warnings.add("Model [" + model.getFileName() + "] has no " + TfliteLoadErrors.EDGETPU_OP
                    + " (not compiled with edgetpu_compiler): nothing was delegated to the Edge TPU, all "
                    + session.delegation().totalNodes() + " ops ran on the CPU. Compile it with edgetpu_compiler to"
                    + " use the Edge TPU.");
        }
        return new EdgeTpuSession(session, delegate.info(), warnings);
    }
}
