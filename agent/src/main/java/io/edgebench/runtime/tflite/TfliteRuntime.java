package io.edgebench.runtime.tflite;

import io.edgebench.results.Delegate;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.InferenceRuntime;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuDelegate;
import io.edgebench.runtime.tflite.edgetpu.EdgeTpuLibrary;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * TensorFlow Lite through bytedeco's tensorflow-lite build. Delegates: {@code cpu} = TFLite's builtin kernels without
 * any default delegate; {@code xnnpack} = the XNNPACK delegate (applied by BuiltinOpResolver, with the session's
 * thread count); {@code edgetpu} = libedgetpu's TfLiteDelegate, created by the Edge TPU JNI shim (runtime.tflite.edgetpu).
 */
public final class TfliteRuntime implements InferenceRuntime {
    private final Function<SessionOptions, ExternalDelegate> edgeTpu;

    /**
     * The runtime with the real Edge TPU path: {@code --delegate edgetpu} loads libedgetpu through the JNI shim and
     * opens the device from SessionOptions.edgeTpu(); without library or device that is an
     * AcceleratorUnavailableException naming what is missing.
     */
    public TfliteRuntime() {
        this(TfliteRuntime::edgeTpuDelegate);
    }

    private static ExternalDelegate edgeTpuDelegate(SessionOptions options) {
        EdgeTpuDelegate delegate = EdgeTpuLibrary.open().createDelegate(options.edgeTpu());
        return new ExternalDelegate(delegate.address(), delegate, "edgetpu");
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
            // adds the result's edgetpu object and warnings (version mismatch, nothing delegated)
            return EdgeTpuDelegates.describe(model, TfliteSession.open(model, options, external), external);
        }
        return TfliteSession.open(model, options, null);
    }
}
