package io.edgebench.runtime.tflite;

import io.edgebench.model.ModelLoadException;
import io.edgebench.model.TensorInfo;
import io.edgebench.results.Delegate;
import io.edgebench.results.Delegation;
import io.edgebench.results.RuntimeKind;
import io.edgebench.runtime.ModelSession;
import io.edgebench.runtime.SessionOptions;
import io.edgebench.runtime.SessionTimings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.OpResolver;
import org.bytedeco.tensorflowlite.TfLiteDelegate;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * One TFLite model ready to run: owns the flatbuffer model, op resolver, interpreter, error reporter and (for the Edge
 * TPU) the external delegate. Opening verifies the file ({@code VerifyAndBuildFromFile}: {@code BuildFromFile} crashes
 * the JVM on corrupt files), builds the interpreter, resizes dynamic inputs and allocates tensors. {@link #run()} is a
 * single native Invoke plus a status check. Not thread-safe.
 */
public final class TfliteSession implements ModelSession {
    private final Path model;
    private final Delegate delegate;
    private final TfliteErrorCapture errors = new TfliteErrorCapture();
    private FlatBufferModel flatBuffer;
    private OpResolver resolver;
    private Interpreter interpreter;
    private ExternalDelegate external;
    private TfLiteTensor[] inputTensors;
    private TfLiteTensor[] outputTensors;
    private List<TensorInfo> inputs;
    private List<TensorInfo> outputs;
    private SessionTimings timings;
    private Delegation delegation;
    private boolean closed;

    private TfliteSession(Path model, Delegate delegate, ExternalDelegate external) {
        this.model = model;
        this.delegate = delegate;
        this.external = external;
    }

    /**
     * Opens {@code model}; {@code external} is the Edge TPU seam (null for cpu and xnnpack). On failure everything
     * created so far, the external delegate included, is closed before the ModelLoadException leaves.
     */
    static TfliteSession open(Path model, SessionOptions options, ExternalDelegate external) {
        TfliteSession session = new TfliteSession(model, options.delegate(), external);
        try {
            session.prepare(options);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void prepare(SessionOptions options) {
        TfliteLoadErrors.checkHeader(model);
        long t0 = System.nanoTime();
        flatBuffer = FlatBufferModel.VerifyAndBuildFromFile(model.toString(), null, errors.reporter());
        if (flatBuffer == null || flatBuffer.isNull()) {
            throw TfliteLoadErrors.verifyFailed(model, errors.drain());
        }
        long t1 = System.nanoTime();
        buildInterpreter(options.threads());
        if (external != null) {
            TfLiteDelegate raw = new TfLiteDelegate(TfliteErrorCapture.pointerAt(external.address()));
            check(interpreter.ModifyGraphWithDelegate(raw), "applying the " + external.name() + " delegate");
        }
        new TfliteShapes(model, interpreter).apply(options.inputShapes());
        check(interpreter.AllocateTensors(), "allocating tensors (preparing every node)");
        long t2 = System.nanoTime();
        timings = new SessionTimings((t1 - t0) / 1000, (t2 - t1) / 1000);
        delegation = TfliteDelegation.count(interpreter);
        if (options.requireFullDelegation() && !delegation.isFull()) {
            int fallback = delegation.totalNodes() - delegation.delegatedNodes();
            throw new ModelLoadException("Model [" + model + "] CPU fallback detected: " + fallback + " of "
                    + delegation.totalNodes() + " ops not on " + where() + " (require_full_delegation is set).");
        }
        describeTensors();
    }

    private String where() {
        return switch (delegate) {
            case CPU -> "a delegate (--delegate cpu runs every op on the builtin kernels)";
            case XNNPACK -> "XNNPACK";
            case EDGETPU -> "the Edge TPU";
        };
    }

    private void buildInterpreter(int threads) {
        // BuiltinOpResolver adds XNNPACK as a lazy default delegate, created at AllocateTensors with the
        // interpreter's thread count; the WithoutDefaultDelegates variant gives TFLite's own kernels only.
        resolver =
                delegate == Delegate.XNNPACK ? new BuiltinOpResolver() : new BuiltinOpResolverWithoutDefaultDelegates();
        try (InterpreterBuilder builder = new InterpreterBuilder(flatBuffer, resolver)) {
            check(builder.SetNumThreads(threads), "setting " + threads + " threads");
            interpreter = new Interpreter((Pointer) null);
            check(builder.apply(interpreter), "building the interpreter");
        }
        if (interpreter.isNull()) {
            throw TfliteLoadErrors.stepFailed(model, "building the interpreter", -1, errors.drain(), delegate.id());
        }
    }

    private void describeTensors() {
        int inputCount = TfliteShapes.inputCount(interpreter);
        inputTensors = new TfLiteTensor[inputCount];
        List<TensorInfo> in = new ArrayList<>();
        for (int i = 0; i < inputCount; i++) {
            inputTensors[i] = interpreter.input_tensor(i);
            in.add(TfliteTensors.info(inputTensors[i]));
        }
        int outputCount = (int) interpreter.outputs().limit();
        outputTensors = new TfLiteTensor[outputCount];
        List<TensorInfo> out = new ArrayList<>();
        for (int i = 0; i < outputCount; i++) {
            outputTensors[i] = interpreter.output_tensor(i);
            out.add(TfliteTensors.info(outputTensors[i]));
        }
        inputs = List.copyOf(in);
        outputs = List.copyOf(out);
    }

    private void check(int status, String step) {
        if (status != 0) {
            throw TfliteLoadErrors.stepFailed(model, step, status, errors.drain(), delegate.id());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("TfliteSession is closed");
        }
    }

    @Override
    public RuntimeKind runtime() {
        ensureOpen();
        return RuntimeKind.TFLITE;
    }

    @Override
    public String runtimeVersion() {
        ensureOpen();
        return TfliteRuntime.libraryVersion();
    }

    @Override
    public Delegate delegate() {
        ensureOpen();
        return delegate;
    }

    @Override
    public SessionTimings timings() {
        ensureOpen();
        return timings;
    }

    @Override
    public List<TensorInfo> inputs() {
        ensureOpen();
        return inputs;
    }

    @Override
    public List<TensorInfo> outputs() {
        ensureOpen();
        return outputs;
    }

    @Override
    public void setInput(int index, float[] realValues) {
        ensureOpen();
        TensorInfo info = tensorAt(inputs, index, "input");
        long expected = info.elementCount();
        if (realValues == null || realValues.length != expected) {
            throw new IllegalArgumentException("input [" + info.name() + "] expects " + expected + " values (shape "
                    + info.shape() + "), got [" + (realValues == null ? "null" : realValues.length) + "]");
        }
        TfliteTensors.write(TfliteTensors.buffer(inputTensors[index]), info.dtype(), info.quantization(), realValues);
    }

    @Override
    public void setInputBytes(int index, java.nio.ByteBuffer bytes) {
        ensureOpen();
        TensorInfo info = tensorAt(inputs, index, "input");
        java.nio.ByteBuffer target = TfliteTensors.buffer(inputTensors[index]);
        if (bytes.remaining() != target.remaining()) {
            throw new IllegalArgumentException("input [" + info.name() + "] takes " + target.remaining() + " bytes ("
                    + info.dtype().id() + " " + info.shape() + "), got [" + bytes.remaining() + "]");
        }
        target.put(bytes.duplicate());
    }

    @Override
    public io.edgebench.results.OpProfile profileOps(int runs) {
        ensureOpen();
        return TfliteOpProfiler.profile(interpreter, runs, this::run);
    }

    @Override
    public void run() {
        ensureOpen();
        int status = interpreter.Invoke();
        if (status != 0) {
            throw TfliteLoadErrors.stepFailed(model, "invoke", status, errors.drain(), delegate.id());
        }
    }

    @Override
    public float[] output(int index) {
        ensureOpen();
        TensorInfo info = tensorAt(outputs, index, "output");
        // re-read the tensor: outputs with dynamic shapes (e.g. PoseNet's decoder) are sized by Invoke
        TfLiteTensor tensor = interpreter.output_tensor(index);
        return TfliteTensors.read(TfliteTensors.buffer(tensor), info.dtype(), TfliteTensors.quantization(tensor));
    }

    private static TensorInfo tensorAt(List<TensorInfo> list, int index, String kind) {
        if (index < 0 || index >= list.size()) {
            throw new IndexOutOfBoundsException(kind + " index [" + index + "] must be 0.." + (list.size() - 1));
        }
        return list.get(index);
    }

    @Override
    public Delegation delegation() {
        ensureOpen();
        return delegation;
    }

    /** Frees in reverse order of creation: interpreter, delegate, resolver, model, then the reporter they borrowed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (interpreter != null) {
            interpreter.close();
        }
        if (external != null) {
            try {
                external.owner().close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the " + external.name() + " delegate failed: " + e, e);
            } finally {
                external = null;
                closeModel();
            }
        } else {
            closeModel();
        }
    }

    private void closeModel() {
        if (resolver != null) {
            resolver.close();
        }
        if (flatBuffer != null) {
            flatBuffer.close();
        }
        errors.close();
    }

    @Override
    public String toString() {
        return "TfliteSession[" + model + ", " + delegate.id() + (closed ? ", closed]" : "]");
    }
}
