package io.edgebench.runtime.tflite;

import io.edgebench.runtime.Delegate;
import io.edgebench.runtime.InferenceRuntime;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.RuntimeKind;
import io.edgebench.runtime.SessionOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * TensorFlow Lite through bytedeco's tensorflow-lite build. Delegates: {@code cpu} = TFLite's builtin kernels without
 * any default delegate; {@code xnnpack} = the XNNPACK delegate (applied by BuiltinOpResolver, with the session's
 * thread count); {@code edgetpu} = libedgetpu's TfLiteDelegate from the Edge TPU JNI shim (docs/edgetpu.md).
 */
public final class TfliteRuntime implements InferenceRuntime {
    private final Function<SessionOptions, ExternalDelegate> edgeTpu;

    /**
     * The runtime with the Edge TPU through the JNI shim (EdgeTpuDelegates): libedgetpu is only loaded when a session
     * asks for {@code edgetpu}, and its absence fails that session in milliseconds with an install hint.
     */
    public TfliteRuntime() {
        this(EdgeTpuDelegates::create);
    }

    /**
     * The Edge TPU seam: {@code edgeTpu} creates the libedgetpu delegate for one session (raw TfLiteDelegate* and its
     * owner) or throws ModelLoadException saying why it cannot.
     */
    TfliteRuntime(Function<SessionOptions, ExternalDelegate> edgeTpu) {
        this.edgeTpu = Objects.requireNonNull(edgeTpu, "edgeTpu");
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.TFLITE;
    }

    @Override
    public String version() {
        return libraryVersion();
    }

    /** TfLiteVersion() of the loaded native library, e.g. "2.21.0". */
    static String libraryVersion() {
        BytePointer version = tensorflowlite.TfLiteVersion();
        return version == null || version.isNull() ? "unknown" : version.getString();
    }

    @Override
    public ModelSession open(Path model, SessionOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        if (options.runtime() != RuntimeKind.TFLITE) {
            throw new IllegalArgumentException("runtime [" + options.runtime().id() + "] given to the tflite runtime");
        }
        if (options.delegate() == Delegate.EDGETPU) {
            TfliteLoadErrors.checkHeader(model);
            ExternalDelegate external = edgeTpu.apply(options);
            return EdgeTpuDelegates.describe(model, TfliteSession.open(model, options, external), external);
        }
        return TfliteSession.open(model, options, null);
    }
}
